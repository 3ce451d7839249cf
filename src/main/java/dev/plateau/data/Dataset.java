package dev.plateau.data;

import dev.plateau.space.Task;
import java.util.List;
import java.util.Objects;

/**
 * A table of samples in memory: {@code rows} feature rows of {@code featureNames.size()} floats each
 * (row-major), and the targets. For classification the single target column holds the class index
 * into {@code classLabels}; for regression each target column is a real value.
 *
 * <p>{@code imageShape} is set when the features are the cells of an image (the calorimeter grid), so
 * that convolutional candidates can see the geometry; it is {@code null} for plain tables.
 *
 * <p>{@code weights} are per-row event weights (finite, at least 0, not all 0), or null when every row
 * counts once: the training loss, every metric, the proxies and full noise testing weigh rows by them.
 *
 * @implNote immutable by convention: the arrays are never written after construction.
 */
public record Dataset(
        String name,
        Task task,
        List<String> featureNames,
        List<String> targetNames,
        List<String> classLabels,
        ImageShape imageShape,
        int rows,
        float[] features,
        double[] targets,
        double[] weights) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        featureNames = List.copyOf(featureNames);
        targetNames = List.copyOf(targetNames);
        classLabels = List.copyOf(classLabels);
        if (features.length != (long) rows * featureNames.size())
            throw new IllegalArgumentException("features hold " + features.length + " values, expected "
                    + rows + " x " + featureNames.size());
        if (targets.length != (long) rows * targetNames.size())
            throw new IllegalArgumentException("targets hold " + targets.length + " values, expected "
                    + rows + " x " + targetNames.size());
        if (imageShape != null && imageShape.size() != featureNames.size())
            throw new IllegalArgumentException("image shape " + imageShape + " does not cover "
                    + featureNames.size() + " features");
        if (task == Task.CLASSIFICATION && (targetNames.size() != 1 || classLabels.size() < 2))
            throw new IllegalArgumentException("classification needs one target column and at least two classes");
        if (weights != null) {
            if (weights.length != rows) throw new IllegalArgumentException("weights hold " + weights.length + " values, expected " + rows);
            double[] w = weights;
            EventWeights.checked(w, i -> new IllegalArgumentException("an event weight must be finite and at least 0, got " + w[i]),
                    () -> new IllegalArgumentException("the event weights are all 0"));
        }
    }

    /** A table whose rows each count once. */
    public Dataset(String name, Task task, List<String> featureNames, List<String> targetNames, List<String> classLabels,
                   ImageShape imageShape, int rows, float[] features, double[] targets) {
        this(name, task, featureNames, targetNames, classLabels, imageShape, rows, features, targets, null);
    }

    /** This table with other features (same rows, targets and weights). */
    public Dataset withFeatures(List<String> names, ImageShape image, float[] values) {
        return new Dataset(name, task, names, targetNames, classLabels, image, rows, values, targets, weights);
    }

    /** This table with other targets (same rows, features and weights). */
    public Dataset withTargets(double[] values) {
        return new Dataset(name, task, featureNames, targetNames, classLabels, imageShape, rows, features, values, weights);
    }

    /** This table with other per-row weights (null: each row once). */
    public Dataset withWeights(double[] values) {
        return new Dataset(name, task, featureNames, targetNames, classLabels, imageShape, rows, features, targets, values);
    }

    /** Row {@code r}'s event weight (1 without weights). */
    public double weight(int r) { return weights == null ? 1 : weights[r]; }

    public int featureCount() { return featureNames.size(); }

    public int targetCount() { return targetNames.size(); }

    /** Width of the network's output layer: one unit per class, or one per regression target. */
    public int outputCount() { return task == Task.CLASSIFICATION ? classLabels.size() : targetNames.size(); }

    public float feature(int row, int column) { return features[row * featureCount() + column]; }

    public double target(int row, int column) { return targets[row * targetCount() + column]; }

    /** The first {@code n} rows (all of them when there are fewer). */
    public Dataset head(int n) {
        int[] first = new int[Math.min(n, rows)];
        for (int i = 0; i < first.length; i++) first[i] = i;
        return select(first);
    }

    /** The rows at {@code indices}, in that order. */
    public Dataset select(int[] indices) {
        int f = featureCount(), t = targetCount();
        float[] fx = new float[indices.length * f];
        double[] ty = new double[indices.length * t];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * f, fx, i * f, f);
            System.arraycopy(targets, indices[i] * t, ty, i * t, t);
        }
        double[] w = null;
        if (weights != null) {
            w = new double[indices.length];
            for (int i = 0; i < indices.length; i++) w[i] = weights[indices[i]];
        }
        return new Dataset(name, task, featureNames, targetNames, classLabels, imageShape, indices.length, fx, ty, w);
    }

    /** Name of the column {@link #withTotalEnergy()} appends. */
    public static final String TOTAL_ENERGY = "total_energy";

    /**
     * This table with one more feature, the sum of the image cells — the total deposited energy in the
     * cells' common scale (images are standardised by one global scale, so the sum keeps its meaning).
     * It is no longer an image: the extra column has no place on the grid.
     */
    public Dataset withTotalEnergy() {
        if (imageShape == null) throw new IllegalArgumentException("the total energy needs image-shaped (calorimeter) data");
        int f = featureCount();
        float[] fx = new float[rows * (f + 1)];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(features, r * f, fx, r * (f + 1), f);
            fx[r * (f + 1) + f] = energyInput(features, r * f, f);
        }
        List<String> names = new java.util.ArrayList<>(featureNames);
        names.add(TOTAL_ENERGY);
        return withFeatures(names, null, fx);
    }

    /** The sum of {@code count} standardised cells from {@code from}, summed in double: proportional to the raw energy sum. */
    public static double totalEnergy(float[] cells, int from, int count) {
        double sum = 0;
        for (int j = 0; j < count; j++) sum += cells[from + j];
        return sum;
    }

    /** The smallest summed energy the energy input takes the logarithm of (in standardised cell units). */
    public static final double ENERGY_FLOOR = 1e-3;

    /**
     * The energy-sum input a network reads: ln of the summed standardised cells (at least
     * {@value #ENERGY_FLOOR}). A logarithm, because the energy target is learnt as ln E: the calibrated
     * energy sum is then one weight and one bias away (ln E ≈ ln Σ + const).
     */
    public static float energyInput(float[] cells, int from, int count) {
        return (float) Math.log(Math.max(totalEnergy(cells, from, count), ENERGY_FLOOR));
    }
}
