package dev.plateau.robustness;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Rank statistics for proxy validation (flatness-proxies.md §9), computed by Commons Math: Spearman ρ
 * (Pearson of mid-ranks), Kendall τ_b (ties corrected), percentile bootstrap intervals, and the partial
 * Spearman ρ given control variables (Pearson of the OLS residuals of the ranks regressed on an intercept
 * and the controls' ranks).
 *
 * <p>Each statistic is NaN where it is undefined: a constant input, fewer pairs than the statistic needs
 * (two, plus one per control), a NaN anywhere (a NaN has no rank), or — for the partial ρ — x or y whose
 * ranks the controls determine. Arrays of different lengths are rejected.
 */
public final class RankCorrelation {
    /** An estimate and its 95 % percentile bootstrap interval. */
    public record Interval(double estimate, double low, double high) {
        public boolean excludesZero() { return low > 0 || high < 0; }
    }

    // NaN never reaches the ranking (defined() answers NaN first); FAILED makes that a checked assumption.
    private static final NaturalRanking MID_RANKS = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);
    // |R_ii| of the design's QR below this: column i's ranks are a combination of the intercept and the
    // columns before it (rounding leaves ~1e-16·n^1.5 of them); ranks that truly differ leave order 1.
    private static final double COLLINEAR = 1e-6;

    private RankCorrelation() {}

    public static double spearman(double[] x, double[] y) {
        return defined(x, y) ? new SpearmansCorrelation(MID_RANKS).correlation(positiveZeros(x), positiveZeros(y)) : Double.NaN;
    }

    public static double kendall(double[] x, double[] y) {
        return defined(x, y) ? new KendallsCorrelation().correlation(positiveZeros(x), positiveZeros(y)) : Double.NaN;
    }

    /** Spearman ρ with a 95 % percentile bootstrap interval over {@code resamples} resamples of the pairs. */
    public static Interval spearmanInterval(double[] x, double[] y, int resamples, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] boot = new double[resamples];
        int n = x.length;
        for (int b = 0; b < resamples; b++) {
            double[] bx = new double[n], by = new double[n];
            for (int i = 0; i < n; i++) {
                int k = rng.nextInt(n);
                bx[i] = x[k];
                by[i] = y[k];
            }
            boot[b] = spearman(bx, by);
        }
        double[] finite = Arrays.stream(boot).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) return new Interval(spearman(x, y), Double.NaN, Double.NaN);
        return new Interval(spearman(x, y), finite[(int) Math.floor(0.025 * (finite.length - 1))],
                finite[(int) Math.ceil(0.975 * (finite.length - 1))]);
    }

    /**
     * Partial Spearman ρ of x and y given the controls. A control whose ranks the intercept and the earlier
     * controls already determine (a constant one, or one ranked like another) is dropped: the residuals do
     * not depend on it.
     */
    public static double partialSpearman(double[] x, double[] y, double[]... controls) {
        if (!defined(x, y, controls)) return Double.NaN;
        double[] rx = ranks(x), ry = ranks(y);
        double[][] design = new double[x.length][0];  // one row per pair, one column per control kept
        for (double[] control : controls) {
            double[][] wider = withColumn(design, ranks(control));
            if (fullRank(wider)) design = wider;
        }
        // x or y that the controls determine leaves only rounding to correlate
        if (!fullRank(withColumn(design, rx)) || !fullRank(withColumn(design, ry))) return Double.NaN;
        return new PearsonsCorrelation().correlation(residuals(rx, design), residuals(ry, design));
    }

    /** Mid-ranks (ties share their average rank), 1-based. */
    static double[] ranks(double[] v) { return MID_RANKS.rank(positiveZeros(v)); }

    private static double[] residuals(double[] y, double[][] design) {
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression(COLLINEAR);
        ols.newSampleData(y, design);
        return ols.estimateResiduals();
    }

    /** Whether an intercept and these columns are linearly independent (the QR of the fit says so). */
    private static boolean fullRank(double[][] design) {
        try {
            residuals(new double[design.length], design);
            return true;
        } catch (SingularMatrixException e) {
            return false;
        }
    }

    private static double[][] withColumn(double[][] m, double[] column) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = Arrays.copyOf(m[i], m[i].length + 1);
            out[i][m[i].length] = column[i];
        }
        return out;
    }

    /** False where the statistic is undefined (see the class comment). */
    private static boolean defined(double[] x, double[] y, double[]... controls) {
        List<double[]> all = Stream.concat(Stream.of(x, y), Arrays.stream(controls)).toList();
        for (double[] v : all)
            if (v.length != x.length) throw new IllegalArgumentException("arrays differ in length: " + x.length + " and " + v.length);
        return x.length >= 2 + controls.length && all.stream().flatMapToDouble(Arrays::stream).noneMatch(Double::isNaN);
    }

    /** -0.0 as 0.0: Commons Math orders and ties values by Double.compare, which tells the two apart. */
    private static double[] positiveZeros(double[] v) { return Arrays.stream(v).map(d -> d + 0.0).toArray(); }
}
