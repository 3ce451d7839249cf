package dev.plateau.data;

import dev.plateau.space.Task;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The train / validation / test split every candidate of a study shares, standardised with statistics
 * of the training part only. Table features are z-scored per column; image cells are divided by one
 * global scale so the picture keeps its shape and its zeros. Regression targets are z-scored and
 * {@link #toOriginalUnits} undoes it for the task metric. When the metric is relative
 * ({@link TaskMetric#RELATIVE_RMSE}) the target is learnt as its logarithm: a squared error in ln E is
 * the squared relative error to first order, so the training loss matches the study's RMSE(E)/E
 * instead of being dominated by the highest energies.
 *
 * <p>The split depends only on the split seed, so validation losses of all candidates are comparable;
 * each instance subsamples and shuffles its training part with its own sample seed. Missing feature
 * values (NaN, from a CSV read under an imputing policy) are filled with the column's median over the
 * training rows ({@link MedianImputation}) before anything else is computed.
 *
 * <p>Both standardisations are kept ({@code featureMean}/{@code featureScale}, {@code targetMean}/
 * {@code targetScale}): a saved model reads raw values and answers in original units through them
 * ({@link #inputSchema}, {@link #outputDomain}).
 */
public record PreparedData(
        Dataset train, Dataset validation, Dataset test,
        TaskMetric metric, double[] featureMean, double[] featureScale, double[] targetMean, double[] targetScale) {

    public static PreparedData split(Dataset raw, double validationFraction, double testFraction, long splitSeed, TaskMetric metric) {
        SplitIndices rows = SplitIndices.of(raw.rows(), validationFraction, testFraction, splitSeed);
        MedianImputation fill = MedianImputation.of(raw, rows.train());
        Dataset val = fill.apply(raw.select(rows.validation()));
        Dataset test = fill.apply(raw.select(rows.test()));
        Dataset train = fill.apply(raw.select(rows.train()));

        if (metric == TaskMetric.RELATIVE_RMSE) {
            val = logTargets(val);
            test = logTargets(test);
            train = logTargets(train);
        }
        double[][] fs = featureScaling(train);
        InputSchema schema = new InputSchema(raw.featureNames(), fs[0], fs[1], raw.imageShape(), false);
        double[] tMean = new double[raw.targetCount()], tScale = new double[raw.targetCount()];
        Arrays.fill(tScale, 1.0);
        if (raw.task() == Task.REGRESSION) columnStats(train.targets(), train.rows(), train.targetCount(), tMean, tScale);
        return new PreparedData(standardise(train, schema, tMean, tScale), standardise(val, schema, tMean, tScale),
                standardise(test, schema, tMean, tScale), metric, fs[0], fs[1], tMean, tScale);
    }

    /**
     * The raw features a network trained on this data reads, and how they were standardised;
     * {@code totalEnergy} when the network takes the total energy as one input more. Ask the study's
     * data, not an instance's ({@link #forInstance} has appended the energy column already).
     */
    public InputSchema inputSchema(boolean totalEnergy) {
        return new InputSchema(train.featureNames(), featureMean, featureScale, train.imageShape(), totalEnergy);
    }

    /** This data with other training rows (same validation and test rows and standardisation). */
    public PreparedData withTraining(Dataset rows) {
        return new PreparedData(rows, validation, test, metric, featureMean, featureScale, targetMean, targetScale);
    }

    /** What the outputs of a network trained on this data mean, and how to undo the target's standardisation. */
    public OutputDomain outputDomain() {
        List<String> units = train.targetNames().stream().map(dev.plateau.space.CaloTarget::unitOf).toList();
        return new OutputDomain(train.task(), train.classLabels(), train.targetNames(), units.contains(null) ? null : units,
                targetMean, targetScale, metric == TaskMetric.RELATIVE_RMSE);
    }

    /** Predictions on the standardised target scale back in the target's units (in place). */
    public double[] toOriginalUnits(double[] standardised) { return outputDomain().toOriginalUnits(standardised); }

    private static Dataset logTargets(Dataset d) {
        double[] y = new double[d.targets().length];
        for (int i = 0; i < y.length; i++) {
            if (!(d.targets()[i] > 0)) throw new IllegalArgumentException("a relative metric needs positive targets, got " + d.targets()[i]);
            y[i] = Math.log(d.targets()[i]);
        }
        return d.withTargets(y);
    }

    /**
     * The task metric of standardised network outputs against the rows of {@code d}, as "lower is
     * better": the relative resolution or RMSE in original units, or 1 − accuracy.
     */
    public double lowerIsBetter(double[] outputs, Dataset d) {
        return metric.error(metric.compute(toOriginalUnits(outputs.clone()), toOriginalUnits(d.targets().clone()), d.rows(), d.weights()));
    }

    /** Per feature, the smallest and largest training value in the standardised units the network sees. */
    public double[][] featureRange() {
        int f = train.featureCount();
        double[] lo = new double[f], hi = new double[f];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < train.features().length; i++) {
            lo[i % f] = Math.min(lo[i % f], train.features()[i]);
            hi[i % f] = Math.max(hi[i % f], train.features()[i]);
        }
        return new double[][] {lo, hi};
    }

    /**
     * The data one instance sees: its training part cut to {@code trainingSamples} rows drawn with the
     * sample seed (0 keeps all rows), and every part with the total-energy column when
     * {@code energyInput} is on. Validation and test rows stay the study's, so instances stay comparable.
     */
    public PreparedData forInstance(int trainingSamples, boolean energyInput, long sampleSeed) {
        Dataset t = train;
        if (trainingSamples > 0) {
            if (trainingSamples > t.rows())
                throw new IllegalArgumentException("training_samples " + trainingSamples + " exceeds the " + t.rows() + " training rows");
            // a stream apart from the minibatch shuffle, which starts from the sample seed itself
            t = t.select(Arrays.copyOf(permutation(t.rows(), new SplittableRandom(sampleSeed).split().nextLong()), trainingSamples));
        }
        if (!energyInput) return t == train ? this : new PreparedData(t, validation, test, metric, featureMean, featureScale, targetMean, targetScale);
        return new PreparedData(t.withTotalEnergy(), validation.withTotalEnergy(), test.withTotalEnergy(), metric, featureMean, featureScale,
                targetMean, targetScale);
    }

    /** A seeded Fisher–Yates permutation of 0..n-1. */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    private static double[][] featureScaling(Dataset train) {
        int f = train.featureCount();
        double[] mean = new double[f], scale = new double[f];
        if (train.imageShape() != null) {
            double sumSq = 0;
            for (float v : train.features()) sumSq += (double) v * v;
            double rms = Math.sqrt(sumSq / train.features().length);
            Arrays.fill(scale, rms > 0 ? rms : 1.0);
        } else {
            double[] values = new double[train.features().length];
            for (int i = 0; i < values.length; i++) values[i] = train.features()[i];
            columnStats(values, train.rows(), f, mean, scale);
        }
        return new double[][] {mean, scale};
    }

    private static void columnStats(double[] values, int rows, int cols, double[] mean, double[] scale) {
        for (int j = 0; j < cols; j++) {
            double s = 0, ss = 0;
            for (int i = 0; i < rows; i++) s += values[i * cols + j];
            double m = s / rows;
            for (int i = 0; i < rows; i++) ss += (values[i * cols + j] - m) * (values[i * cols + j] - m);
            double sd = Math.sqrt(ss / Math.max(1, rows - 1));
            mean[j] = m;
            scale[j] = sd > 0 ? sd : 1.0;
        }
    }

    private static Dataset standardise(Dataset d, InputSchema schema, double[] tMean, double[] tScale) {
        int f = d.featureCount(), t = d.targetCount();
        float[] x = new float[d.features().length];
        for (int i = 0; i < x.length; i++) x[i] = schema.standardised(i % f, d.features()[i]);
        double[] y = new double[d.targets().length];
        for (int i = 0; i < y.length; i++) y[i] = (d.targets()[i] - tMean[i % t]) / tScale[i % t];
        return d.withFeatures(d.featureNames(), d.imageShape(), x).withTargets(y);
    }

    /**
     * A SHA-256 of everything a candidate's result depends on in this data: the three splits' names,
     * shapes, values and weights, the metric and both standardisations. Two machines that prepared the
     * same study agree on it exactly; a remote engine's workers check theirs against the driver's.
     */
    public String fingerprint() {
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        md.update(metric.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (double[] a : List.of(featureMean, featureScale, targetMean, targetScale)) update(md, a);
        for (Dataset d : List.of(train, validation, test)) {
            md.update(String.join("\u0000", d.task().name(), String.valueOf(d.imageShape()), String.join(",", d.featureNames()),
                    String.join(",", d.targetNames()), String.join(",", d.classLabels()), Integer.toString(d.rows()))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(Float.BYTES * d.features().length);
            b.asFloatBuffer().put(d.features());
            md.update(b.array());
            update(md, d.targets());
            update(md, d.weights() == null ? new double[0] : d.weights());
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    private static void update(java.security.MessageDigest md, double[] values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(Double.BYTES * (values.length + 1));
        b.putDouble(values.length);
        b.asDoubleBuffer().put(values);  // the view starts after the length
        md.update(b.array());
    }
}
