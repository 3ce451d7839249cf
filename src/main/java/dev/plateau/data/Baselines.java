package dev.plateau.data;

import dev.plateau.space.Task;
import java.util.Arrays;

/**
 * What a useful model must beat, measured on a study's validation rows in the task's units: the
 * trivial predictor — the majority class of the training rows, or one constant fitted on them (the
 * mean per target for RMSE; for a relative resolution the constant c minimising Σ((c − y)/y)², i.e.
 * c = Σ(1/y) / Σ(1/y²); both weighted by the event weights when there are) — and the domain
 * baseline: the one the space names ({@code dataset.baseline}: a feature column that predicts the
 * target as it is, or a one-feature fit — least squares for regression, the best single threshold
 * for classification — on the training rows), else for
 * calorimeter energy the calibrated sum of the cell energies (one scale factor k on the summed cells
 * fitted like the constant: the calorimeter study's "parametric" baseline). Errors are lower-is-better:
 * the metric, or 1 − accuracy, weighted like every metric of a weighted study.
 *
 * @param metric      the task metric's label
 * @param trivial     the trivial predictor's validation metric
 * @param trivialRule how the trivial predictor predicts
 * @param domain      the domain baseline's validation metric (null without one)
 * @param domainRule  what the domain baseline is (null without one)
 */
public record Baselines(String metric, double trivial, String trivialRule,
                        @com.fasterxml.jackson.annotation.JsonAlias("energySum") Double domain, String domainRule) {

    /** The calorimeter's domain baseline, named where it is printed. */
    public static final String ENERGY_SUM = "calibrated energy sum";

    public Baselines {
        // studies written before other domain baselines existed recorded only the energy sum, as energySum
        if (domain != null && domainRule == null) domainRule = ENERGY_SUM;
    }

    /**
     * @param energySumApplies whether the features are calorimeter cells whose sum measures the target (calorimeter energy)
     * @param named            the space's own domain baseline, or null
     */
    public static Baselines of(PreparedData data, boolean energySumApplies, dev.plateau.space.BaselineSpec named) {
        TaskMetric metric = data.metric();
        Dataset train = data.train(), val = data.validation();
        double[] yTrain = data.toOriginalUnits(train.targets().clone()), yVal = data.toOriginalUnits(val.targets().clone());
        int targets = train.task() == Task.CLASSIFICATION ? 1 : train.targetCount();
        double trivial;
        String rule;
        if (train.task() == Task.CLASSIFICATION) {
            int majority = majority(train.targets(), train.outputCount(), train.weights());
            trivial = metric.compute(classScores(val.rows(), train.outputCount(), r -> majority), val.targets(), val.rows(), val.weights());
            rule = "always the majority class '" + train.classLabels().get(majority) + "'";
        } else {
            double[] c = new double[targets];
            for (int t = 0; t < targets; t++) c[t] = constant(yTrain, t, targets, metric, train.weights());
            double[] predicted = new double[yVal.length];
            for (int i = 0; i < predicted.length; i++) predicted[i] = c[i % targets];
            trivial = metric.compute(predicted, yVal, val.rows(), val.weights());
            rule = metric == TaskMetric.RELATIVE_RMSE ? "one constant minimising the relative error on the training rows" : "the training mean";
        }
        if (named != null) return new Baselines(metric.label(), trivial, rule, named(data, named, yTrain, yVal), named.describe());
        if (!energySumApplies || targets != 1) return new Baselines(metric.label(), trivial, rule, null, null);
        double[] sTrain = sums(train), sVal = sums(val);
        double k = scale(sTrain, yTrain, metric);
        double[] predicted = new double[sVal.length];
        for (int i = 0; i < predicted.length; i++) predicted[i] = k * sVal[i];
        return new Baselines(metric.label(), trivial, rule, metric.compute(predicted, yVal, val.rows(), val.weights()),
                ENERGY_SUM + " (one scale factor on the summed cells, fitted on the training rows)");
    }

    /** The space's named baseline on the validation rows. */
    private static double named(PreparedData data, dev.plateau.space.BaselineSpec spec, double[] yTrain, double[] yVal) {
        Dataset train = data.train(), val = data.validation();
        int j = train.featureNames().indexOf(spec.columnName());
        if (j < 0) throw new IllegalArgumentException("baseline column '" + spec.columnName() + "' is not a feature (DatasetLoader.prepare checks it)");
        double[] xTrain = raw(data, train, j), xVal = raw(data, val, j);
        TaskMetric metric = data.metric();
        if (train.task() == Task.CLASSIFICATION) {
            int classes = train.outputCount();
            float[] x = new float[xTrain.length];
            int[] y = new int[xTrain.length];
            for (int r = 0; r < x.length; r++) {
                x[r] = (float) xTrain[r];
                y[r] = (int) train.targets()[r];
            }
            SingleFeatureFit.Stump stump = SingleFeatureFit.stump(x, y, classes);
            return metric.compute(classScores(val.rows(), classes, r -> stump.classOf(xVal[r])), val.targets(), val.rows(), val.weights());
        }
        double[] predicted = xVal.clone();
        if (spec.fit() != null) {
            double[] line = SingleFeatureFit.line(xTrain, yTrain);
            for (int i = 0; i < predicted.length; i++) predicted[i] = line[0] * xVal[i] + line[1];
        }
        return metric.compute(predicted, yVal, val.rows(), val.weights());
    }

    /** Feature {@code j} of every row of {@code d} in its raw units (the standardisation undone). */
    private static double[] raw(PreparedData data, Dataset d, int j) {
        double[] x = new double[d.rows()];
        for (int r = 0; r < x.length; r++) x[r] = d.feature(r, j) * data.featureScale()[j] + data.featureMean()[j];
        return x;
    }

    private static int majority(double[] y, int classes, double[] weights) {
        double[] counts = new double[classes];
        for (int i = 0; i < y.length; i++) counts[(int) y[i]] += weights == null ? 1 : weights[i];
        int m = 0;
        for (int k = 1; k < classes; k++) if (counts[k] > counts[m]) m = k;
        return m;
    }

    /** One-hot scores of {@code rows} rows for the class {@code predicted} gives each. */
    private static double[] classScores(int rows, int classes, java.util.function.IntUnaryOperator predicted) {
        double[] scores = new double[rows * classes];
        for (int r = 0; r < rows; r++) scores[r * classes + predicted.applyAsInt(r)] = 1;
        return scores;
    }

    /** The scale k minimising the metric's error of k·s against y (relative: Σ(s/y)/Σ(s/y)²; else least squares through 0). */
    private static double scale(double[] s, double[] y, TaskMetric metric) {
        double num = 0, den = 0;
        for (int i = 0; i < s.length; i++) {
            double w = metric == TaskMetric.RELATIVE_RMSE ? 1 / y[i] : 1;
            num += s[i] * y[i] * w * w;
            den += s[i] * s[i] * w * w;
        }
        return num / den;
    }

    /** The best constant for target {@code t} under {@code metric}. */
    private static double constant(double[] y, int t, int targets, TaskMetric metric, double[] weights) {
        double a = 0, b = 0;
        for (int i = t; i < y.length; i += targets) {
            double w = weights == null ? 1 : weights[i / targets];
            if (metric == TaskMetric.RELATIVE_RMSE) {
                a += w / y[i];
                b += w / (y[i] * y[i]);
            } else {
                a += w * y[i];
                b += w;
            }
        }
        return a / b;
    }

    /** Each row's summed cells: proportional to the raw energy sum (image cells share one scale and mean 0). */
    private static double[] sums(Dataset d) {
        double[] s = new double[d.rows()];
        for (int r = 0; r < s.length; r++) s[r] = Dataset.totalEnergy(d.features(), r * d.featureCount(), d.featureCount());
        return s;
    }

    /** A metric value as an error, lower is better. */
    public double error(double value) { return TaskMetric.ofLabel(metric).error(value); }
}
