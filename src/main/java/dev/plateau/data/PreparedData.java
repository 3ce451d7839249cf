package dev.plateau.data;

import dev.plateau.space.Task;
import java.util.Arrays;
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
 * each instance subsamples and shuffles its training part with its own sample seed.
 */
public record PreparedData(
        Dataset train, Dataset validation, Dataset test,
        TaskMetric metric, double[] targetMean, double[] targetScale) {

    public static PreparedData split(Dataset raw, double validationFraction, double testFraction, long splitSeed, TaskMetric metric) {
        int n = raw.rows();
        int nVal = (int) Math.round(n * validationFraction), nTest = (int) Math.round(n * testFraction);
        int nTrain = n - nVal - nTest;
        if (nTrain < 2 || nVal < 1)
            throw new IllegalArgumentException("dataset of " + n + " rows is too small for this split");
        int[] order = permutation(n, splitSeed);
        Dataset val = raw.select(Arrays.copyOfRange(order, 0, nVal));
        Dataset test = raw.select(Arrays.copyOfRange(order, nVal, nVal + nTest));
        Dataset train = raw.select(Arrays.copyOfRange(order, nVal + nTest, n));

        if (metric == TaskMetric.RELATIVE_RMSE) {
            val = logTargets(val);
            test = logTargets(test);
            train = logTargets(train);
        }
        double[][] fs = featureScaling(train);
        double[] tMean = new double[raw.targetCount()], tScale = new double[raw.targetCount()];
        Arrays.fill(tScale, 1.0);
        if (raw.task() == Task.REGRESSION) columnStats(train.targets(), train.rows(), train.targetCount(), tMean, tScale);
        return new PreparedData(standardise(train, fs, tMean, tScale), standardise(val, fs, tMean, tScale),
                standardise(test, fs, tMean, tScale), metric, tMean, tScale);
    }

    /** Predictions on the standardised target scale back in the target's units (in place). */
    public double[] toOriginalUnits(double[] standardised) {
        if (train.task() == Task.CLASSIFICATION) return standardised;
        int t = targetMean.length;
        boolean log = metric == TaskMetric.RELATIVE_RMSE;
        for (int i = 0; i < standardised.length; i++) {
            double v = standardised[i] * targetScale[i % t] + targetMean[i % t];
            standardised[i] = log ? Math.exp(v) : v;
        }
        return standardised;
    }

    private static Dataset logTargets(Dataset d) {
        double[] y = new double[d.targets().length];
        for (int i = 0; i < y.length; i++) {
            if (!(d.targets()[i] > 0)) throw new IllegalArgumentException("a relative metric needs positive targets, got " + d.targets()[i]);
            y[i] = Math.log(d.targets()[i]);
        }
        return new Dataset(d.name(), d.task(), d.featureNames(), d.targetNames(), d.classLabels(), d.imageShape(), d.rows(), d.features(), y);
    }

    /**
     * The task metric of standardised network outputs against the rows of {@code d}, as "lower is
     * better": the relative resolution or RMSE in original units, or 1 − accuracy.
     */
    public double lowerIsBetter(double[] outputs, Dataset d) {
        double m = metric.compute(toOriginalUnits(outputs.clone()), toOriginalUnits(d.targets().clone()), d.rows());
        return metric == TaskMetric.ACCURACY ? 1 - m : m;
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
        if (!energyInput) return t == train ? this : new PreparedData(t, validation, test, metric, targetMean, targetScale);
        return new PreparedData(t.withTotalEnergy(), validation.withTotalEnergy(), test.withTotalEnergy(), metric, targetMean, targetScale);
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

    private static Dataset standardise(Dataset d, double[][] fs, double[] tMean, double[] tScale) {
        int f = d.featureCount(), t = d.targetCount();
        float[] x = new float[d.features().length];
        for (int i = 0; i < x.length; i++) x[i] = (float) ((d.features()[i] - fs[0][i % f]) / fs[1][i % f]);
        double[] y = new double[d.targets().length];
        for (int i = 0; i < y.length; i++) y[i] = (d.targets()[i] - tMean[i % t]) / tScale[i % t];
        return new Dataset(d.name(), d.task(), d.featureNames(), d.targetNames(), d.classLabels(), d.imageShape(), d.rows(), x, y);
    }
}
