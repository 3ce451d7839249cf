package dev.plateau.data;

import java.util.List;

/**
 * What a trained network reads, from raw values: the features in order (as named in the CSV, or the
 * calorimeter cells), the standardisation applied to them — (x − mean)/scale per feature, computed on
 * the training split; the cells of an image share one scale and mean 0, so the picture keeps its shape
 * and its zeros — the image shape when the features are an image's cells, and whether the network
 * takes the energy input ({@link Dataset#energyInput}: ln of the summed standardised cells) as one input more, after the features.
 *
 * @implNote immutable by convention: the arrays are never written after construction
 */
public record InputSchema(List<String> features, double[] mean, double[] scale, ImageShape image, boolean totalEnergy) {
    public InputSchema {
        features = List.copyOf(features);
        if (mean.length != features.size() || scale.length != features.size())
            throw new IllegalArgumentException("one mean and one scale per feature: " + features.size() + " features, "
                    + mean.length + " means, " + scale.length + " scales");
        if (image != null && image.size() != features.size())
            throw new IllegalArgumentException("image " + image + " does not cover " + features.size() + " features");
        if (totalEnergy && image == null) throw new IllegalArgumentException("the total energy needs image-shaped (calorimeter) features");
    }

    /** Values per network input row: the features, then the total energy when the network takes it. */
    public int networkWidth() { return features.size() + (totalEnergy ? 1 : 0); }

    /**
     * Feature {@code j}'s raw value as the network reads it. Plateau holds feature values as float32
     * (as read from a CSV or generated), so the raw value is rounded to float first.
     */
    public float standardised(int j, double raw) { return (float) (((float) raw - mean[j]) / scale[j]); }

    /** Raw rows, exactly as in the CSV or the calorimeter cells, as the network's input rows (row-major). */
    public float[] networkRows(double[][] raw) {
        int f = features.size(), width = networkWidth();
        float[] x = new float[raw.length * width];
        for (int r = 0; r < raw.length; r++) {
            if (raw[r].length != f) throw new IllegalArgumentException("row " + r + " has " + raw[r].length + " values, expected " + f + " features");
            for (int j = 0; j < f; j++) x[r * width + j] = standardised(j, raw[r][j]);
            if (totalEnergy) x[r * width + f] = Dataset.energyInput(x, r * width, f);
        }
        return x;
    }

    /** Standardised rows (a {@link PreparedData} split) as the network reads them: with the total-energy column when it takes it. */
    public Dataset networkRows(Dataset standardised) { return totalEnergy ? standardised.withTotalEnergy() : standardised; }
}
