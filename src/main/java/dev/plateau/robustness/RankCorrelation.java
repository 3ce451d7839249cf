package dev.plateau.robustness;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Rank statistics for proxy validation (flatness-proxies.md §9): Spearman ρ (Pearson of mid-ranks),
 * Kendall τ_b (ties corrected), percentile bootstrap intervals, and the partial Spearman ρ given
 * control variables (Pearson of the residuals of the ranks regressed on the controls' ranks).
 */
public final class RankCorrelation {
    /** An estimate and its 95 % percentile bootstrap interval. */
    public record Interval(double estimate, double low, double high) {
        public boolean excludesZero() { return low > 0 || high < 0; }
    }

    private RankCorrelation() {}

    public static double spearman(double[] x, double[] y) { return pearson(ranks(x), ranks(y)); }

    public static double kendall(double[] x, double[] y) {
        long concordant = 0, discordant = 0, tiesX = 0, tiesY = 0;
        for (int i = 0; i < x.length; i++)
            for (int j = i + 1; j < x.length; j++) {
                double dx = Math.signum(x[i] - x[j]), dy = Math.signum(y[i] - y[j]);
                if (dx == 0 && dy == 0) continue;
                if (dx == 0) tiesX++;
                else if (dy == 0) tiesY++;
                else if (dx == dy) concordant++;
                else discordant++;
            }
        double denom = Math.sqrt((double) (concordant + discordant + tiesX) * (concordant + discordant + tiesY));
        return denom == 0 ? Double.NaN : (concordant - discordant) / denom;
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

    /** Partial Spearman ρ of x and y given the controls. */
    public static double partialSpearman(double[] x, double[] y, double[]... controls) {
        double[][] c = new double[controls.length][];
        for (int k = 0; k < controls.length; k++) c[k] = ranks(controls[k]);
        return pearson(residuals(ranks(x), c), residuals(ranks(y), c));
    }

    /** Mid-ranks (ties share their average rank), 1-based. */
    static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) j++;
            double mid = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) r[order[k]] = mid;
            i = j + 1;
        }
        return r;
    }

    static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0), my = Arrays.stream(y).average().orElse(0);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /** Residuals of least-squares regression of y on an intercept and the controls (normal equations). */
    static double[] residuals(double[] y, double[][] controls) {
        int n = y.length, p = controls.length + 1;
        double[][] xtx = new double[p][p];
        double[] xty = new double[p];
        for (int i = 0; i < n; i++) {
            double[] row = new double[p];
            row[0] = 1;
            for (int k = 0; k < controls.length; k++) row[k + 1] = controls[k][i];
            for (int a = 0; a < p; a++) {
                xty[a] += row[a] * y[i];
                for (int b = 0; b < p; b++) xtx[a][b] += row[a] * row[b];
            }
        }
        double[] beta = solve(xtx, xty);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            double fit = beta[0];
            for (int k = 0; k < controls.length; k++) fit += beta[k + 1] * controls[k][i];
            r[i] = y[i] - fit;
        }
        return r;
    }

    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            if (Math.abs(m[c][c]) < 1e-12) continue;  // a constant control: leave its coefficient at 0
            for (int r = 0; r < n; r++) {
                if (r == c) continue;
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) m[r][k] -= f * m[c][k];
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = Math.abs(m[i][i]) < 1e-12 ? 0 : m[i][n] / m[i][i];
        return x;
    }
}
