package dev.plateau.landscape;

import java.util.Arrays;

/**
 * Maximum-likelihood power-law exponent of a sample's tail, p(x) ∝ x^−α for x ≥ x_min, with x_min
 * chosen to minimise the Kolmogorov–Smirnov distance (Clauset, Shalizi and Newman 2009; WeightWatcher
 * fits layer spectra this way). α̂ = 1 + n / Σ ln(xᵢ / x_min).
 */
public final class PowerLawFit {
    /** The fitted exponent, the chosen x_min, the tail size and the KS distance. */
    public record Result(double alpha, double xmin, int tail, double ks) {}

    private static final int MIN_TAIL = 5;

    private PowerLawFit() {}

    public static Result fit(double[] values) {
        double[] x = Arrays.stream(values).filter(v -> v > 0).sorted().toArray();
        Result best = new Result(Double.NaN, Double.NaN, 0, Double.POSITIVE_INFINITY);
        for (int start = 0; start <= x.length - MIN_TAIL; start++) {
            double xmin = x[start];
            int n = x.length - start;
            double logSum = 0;
            for (int i = start; i < x.length; i++) logSum += Math.log(x[i] / xmin);
            if (logSum <= 0) continue;
            double alpha = 1 + n / logSum;
            double ks = 0;
            for (int i = start; i < x.length; i++) {
                double model = 1 - Math.pow(x[i] / xmin, 1 - alpha);
                double empiricalBelow = (i - start) / (double) n, empiricalAt = (i - start + 1) / (double) n;
                ks = Math.max(ks, Math.max(Math.abs(model - empiricalBelow), Math.abs(model - empiricalAt)));
            }
            if (ks < best.ks()) best = new Result(alpha, xmin, n, ks);
        }
        return best;
    }
}
