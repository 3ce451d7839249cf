package dev.plateau.data;

import java.util.Arrays;

/**
 * How well one feature alone predicts the target: the data check's leak test. For classes, the
 * accuracy of the best one-threshold decision stump (each side predicts its most frequent class); for
 * a real target, the R² of a straight-line fit and of a rank fit (Spearman ρ², which also catches a
 * monotone but curved dependence). Rows are given as parallel arrays without missing values. The
 * same fits are the one-feature domain baselines ({@link Baselines}) and the energy-sum start's line.
 */
public final class SingleFeatureFit {
    private SingleFeatureFit() {}

    /**
     * The best one-threshold stump: values at most {@code threshold} predict {@code below}, larger ones
     * {@code above} (each side's most frequent class), {@code correct} rows right on the fitted rows.
     */
    public record Stump(double threshold, int below, int above, int correct) {
        public int classOf(double x) { return x <= threshold ? below : above; }
    }

    /** The best stump's accuracy on {@code x} against class indices {@code y} (0..classes-1). */
    static double stumpAccuracy(float[] x, int[] y, int classes) {
        return x.length == 0 ? 0 : stump(x, y, classes).correct() / (double) x.length;
    }

    /** The best stump on {@code x} against class indices {@code y}, the threshold halfway between two neighbouring values. */
    public static Stump stump(float[] x, int[] y, int classes) {
        int n = x.length;
        long[] order = sortedOrder(x);
        int[] left = new int[classes], right = new int[classes];
        for (int c : y) right[c]++;
        Stump best = new Stump(Double.POSITIVE_INFINITY, argmax(right), argmax(right), max(right));  // no split: the majority class
        for (int k = 0; k < n - 1; k++) {
            int row = (int) order[k], next = (int) order[k + 1];
            left[y[row]]++;
            right[y[row]]--;
            // a threshold can only fall between two different values
            if (x[row] != x[next] && max(left) + max(right) > best.correct())
                best = new Stump(((double) x[row] + x[next]) / 2, argmax(left), argmax(right), max(left) + max(right));
        }
        return best;
    }

    /** (slope, intercept) of the least-squares line y ≈ a·x + b (slope 0 for a constant x). */
    public static double[] line(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0), my = Arrays.stream(y).average().orElse(0), sxy = 0, sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxx > 0 ? sxy / sxx : 0;
        return new double[] {slope, my - slope * mx};
    }

    /** R² of the least-squares line y ≈ a·x + b (the squared Pearson correlation; 0 for a constant). */
    static double linearR2(double[] x, double[] y) {
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy * sxy / (sxx * syy);
    }

    /** R² of a fit on ranks (Spearman ρ², ties at their mean rank). */
    static double rankR2(double[] x, double[] y) { return linearR2(ranks(x), ranks(y)); }

    /** Each value's rank (0-based), tied values sharing the mean of their ranks. */
    static double[] ranks(double[] v) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int lo = firstAtLeast(sorted, v[i]), hi = firstAbove(sorted, v[i]) - 1;
            r[i] = (lo + hi) / 2.0;
        }
        return r;
    }

    /**
     * Row indices in the order of their values, sorted as primitives: each key packs the value's
     * order-preserving bits above the row index.
     */
    private static long[] sortedOrder(float[] x) {
        long[] keys = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            int bits = Float.floatToIntBits(x[i]);
            int ordered = bits < 0 ? bits ^ Integer.MAX_VALUE : bits;  // negative floats count down as their magnitude grows
            keys[i] = ((long) ordered << 32) | i;
        }
        Arrays.sort(keys);
        for (int i = 0; i < keys.length; i++) keys[i] &= 0xffffffffL;
        return keys;
    }

    private static int firstAtLeast(double[] sorted, double v) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static int firstAbove(double[] sorted, double v) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static int max(int[] counts) { return counts[argmax(counts)]; }

    private static int argmax(int[] counts) {
        int m = 0;
        for (int k = 1; k < counts.length; k++) if (counts[k] > counts[m]) m = k;
        return m;
    }
}
