package dev.plateau.data;

import dev.plateau.space.Task;

/**
 * What a useful model must beat, measured on a study's validation rows in the task's units: the
 * trivial predictor — the majority class of the training rows, or one constant fitted on them (the
 * mean per target for RMSE; for a relative resolution the constant c minimising Σ((c − y)/y)², i.e.
 * c = Σ(1/y) / Σ(1/y²)) — and, for calorimeter energy, the calibrated sum of the cell energies: one
 * scale factor k on the summed cells fitted the same way on the training rows (the calorimeter study's
 * "parametric" baseline). Errors are lower-is-better: the metric, or 1 − accuracy.
 *
 * @param metric         the task metric's label
 * @param trivial        the trivial predictor's validation metric
 * @param trivialRule    how the trivial predictor predicts
 * @param energySum      the calibrated energy sum's validation metric (null when the task is not calorimeter energy)
 */
public record Baselines(String metric, double trivial, String trivialRule, Double energySum) {

    /** @param energySumApplies whether the features are calorimeter cells whose sum measures the target (calorimeter energy) */
    public static Baselines of(PreparedData data, boolean energySumApplies) {
        TaskMetric metric = data.metric();
        Dataset train = data.train(), val = data.validation();
        double[] yTrain = data.toOriginalUnits(train.targets().clone()), yVal = data.toOriginalUnits(val.targets().clone());
        int targets = train.task() == Task.CLASSIFICATION ? 1 : train.targetCount();
        double trivial;
        String rule;
        if (train.task() == Task.CLASSIFICATION) {
            int classes = train.outputCount();
            int[] counts = new int[classes];
            for (double y : train.targets()) counts[(int) y]++;
            int majority = 0;
            for (int k = 1; k < classes; k++) if (counts[k] > counts[majority]) majority = k;
            double[] scores = new double[val.rows() * classes];
            for (int r = 0; r < val.rows(); r++) scores[r * classes + majority] = 1;
            trivial = metric.compute(scores, val.targets(), val.rows());
            rule = "always the majority class '" + train.classLabels().get(majority) + "'";
        } else {
            double[] c = new double[targets];
            for (int t = 0; t < targets; t++) c[t] = constant(yTrain, t, targets, metric);
            double[] predicted = new double[yVal.length];
            for (int i = 0; i < predicted.length; i++) predicted[i] = c[i % targets];
            trivial = metric.compute(predicted, yVal, val.rows());
            rule = metric == TaskMetric.RELATIVE_RMSE ? "one constant minimising the relative error on the training rows" : "the training mean";
        }
        Double energySum = null;
        if (energySumApplies && targets == 1) {
            double[] sTrain = sums(train), sVal = sums(val);
            double num = 0, den = 0;
            for (int i = 0; i < sTrain.length; i++) {
                num += sTrain[i] / yTrain[i];
                den += sTrain[i] * sTrain[i] / (yTrain[i] * yTrain[i]);
            }
            double k = num / den;
            double[] predicted = new double[sVal.length];
            for (int i = 0; i < predicted.length; i++) predicted[i] = k * sVal[i];
            energySum = metric.compute(predicted, yVal, val.rows());
        }
        return new Baselines(metric.label(), trivial, rule, energySum);
    }

    /** The best constant for target {@code t} under {@code metric}. */
    private static double constant(double[] y, int t, int targets, TaskMetric metric) {
        double a = 0, b = 0;
        int n = 0;
        for (int i = t; i < y.length; i += targets) {
            if (metric == TaskMetric.RELATIVE_RMSE) {
                a += 1 / y[i];
                b += 1 / (y[i] * y[i]);
            } else a += y[i];
            n++;
        }
        return metric == TaskMetric.RELATIVE_RMSE ? a / b : a / n;
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
