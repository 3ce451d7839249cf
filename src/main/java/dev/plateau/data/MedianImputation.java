package dev.plateau.data;

import java.util.Arrays;

/**
 * Fills missing feature values (NaN, left by a CSV read under an imputing policy) with each column's
 * median over the training rows only, so validation and test rows do not leak into what the training
 * rows look like. A table without NaN passes through unchanged.
 *
 * @param medians per feature column, the training median, or NaN for a column with no missing value
 */
public record MedianImputation(double[] medians) {

    /** The training medians of the columns of {@code raw} that have a missing value in any row. */
    public static MedianImputation of(Dataset raw, int[] trainRows) {
        int f = raw.featureCount();
        double[] medians = new double[f];
        Arrays.fill(medians, Double.NaN);
        boolean[] gaps = new boolean[f];
        for (int i = 0; i < raw.features().length; i++) if (Float.isNaN(raw.features()[i])) gaps[i % f] = true;
        for (int j = 0; j < f; j++) {
            if (!gaps[j]) continue;
            float[] present = new float[trainRows.length];
            int n = 0;
            for (int r : trainRows) if (!Float.isNaN(raw.feature(r, j))) present[n++] = raw.feature(r, j);
            if (n == 0)
                throw new IllegalArgumentException("column '" + raw.featureNames().get(j) + "' has no value in the training rows to impute from");
            medians[j] = median(Arrays.copyOf(present, n));
        }
        return new MedianImputation(medians);
    }

    /** Whether any column had a missing value. */
    public boolean fillsAny() { return Arrays.stream(medians).anyMatch(m -> !Double.isNaN(m)); }

    /** The middle value, or the mean of the two middle values, of {@code values} (sorted in place). */
    static double median(float[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : ((double) values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** {@code d} (a part of the table the medians came from) with each NaN feature replaced by its column's training median. */
    public Dataset apply(Dataset d) {
        int f = d.featureCount();
        float[] x = null;
        for (int i = 0; i < d.features().length; i++)
            if (Float.isNaN(d.features()[i])) {
                if (x == null) x = d.features().clone();
                x[i] = (float) medians[i % f];
            }
        return x == null ? d : d.withFeatures(d.featureNames(), d.imageShape(), x);  // targets and event weights unchanged
    }
}
