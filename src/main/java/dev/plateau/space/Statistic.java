package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * A statistic of a configuration's instance values (calorimeter-racing-study.md §2): the racing
 * criteria mean, median, Q3, Q3+IQR, max, min, and the instance spread (sample standard deviation).
 * Quantiles interpolate linearly between order statistics (numpy's default).
 */
public enum Statistic {
    MEAN, MEDIAN, Q3, Q3_IQR, MAX, MIN, SPREAD;

    @JsonValue
    public String label() { return name().toLowerCase(Locale.ROOT); }

    @JsonCreator
    public static Statistic parse(String text) { return Names.parse(Statistic.class, text); }

    public double of(double[] values) {
        if (values.length == 0) return Double.NaN;
        double[] v = values.clone();
        Arrays.sort(v);
        return switch (this) {
            case MEAN -> Arrays.stream(v).average().orElse(Double.NaN);
            case MEDIAN -> quantile(v, 0.5);
            case Q3 -> quantile(v, 0.75);
            case Q3_IQR -> quantile(v, 0.75) + (quantile(v, 0.75) - quantile(v, 0.25));
            case MAX -> v[v.length - 1];
            case MIN -> v[0];
            case SPREAD -> {
                if (v.length < 2) yield 0.0;
                double m = Arrays.stream(v).average().orElse(0), ss = 0;
                for (double x : v) ss += (x - m) * (x - m);
                yield Math.sqrt(ss / (v.length - 1));
            }
        };
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
