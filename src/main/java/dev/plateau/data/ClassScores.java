package dev.plateau.data;

import java.util.Arrays;

/**
 * Figures of a classifier that accuracy hides when classes differ in size: the balanced accuracy (the
 * mean over classes of the recall) and the area under the ROC curve, one class against the rest,
 * averaged over classes (macro). Both weigh rows by their event weights (null: once each).
 */
public final class ClassScores {
    private ClassScores() {}

    /** @param scores rows × classes; @param truth class index per row */
    public static double balancedAccuracy(double[] scores, double[] truth, int rows, double[] weights) {
        int classes = scores.length / rows;
        double[] right = new double[classes], all = new double[classes];
        for (int i = 0; i < rows; i++) {
            int best = 0;
            for (int k = 1; k < classes; k++) if (scores[i * classes + k] > scores[i * classes + best]) best = k;
            double w = weights == null ? 1 : weights[i];
            all[(int) truth[i]] += w;
            if (best == (int) truth[i]) right[(int) truth[i]] += w;
        }
        double sum = 0;
        int present = 0;
        for (int k = 0; k < classes; k++)
            if (all[k] > 0) {
                sum += right[k] / all[k];
                present++;
            }
        return sum / present;
    }

    /**
     * Macro one-vs-rest ROC AUC: for each class present with rows of other classes, the weighted
     * probability that a row of the class scores it higher than a row of another class (ties count half).
     */
    public static double auc(double[] scores, double[] truth, int rows, double[] weights) {
        int classes = scores.length / rows;
        double sum = 0;
        int counted = 0;
        Integer[] order = new Integer[rows];
        for (int k = 0; k < classes; k++) {
            final int c = k;
            for (int i = 0; i < rows; i++) order[i] = i;
            Arrays.sort(order, (a, b) -> Double.compare(scores[a * classes + c], scores[b * classes + c]));
            double negativesBelow = 0, positives = 0, negatives = 0, pairs = 0;
            for (int start = 0; start < rows; ) {
                int end = start;
                double pos = 0, neg = 0;
                double value = scores[order[start] * classes + c];
                while (end < rows && scores[order[end] * classes + c] == value) {
                    double w = weights == null ? 1 : weights[order[end]];
                    if ((int) truth[order[end]] == c) pos += w;
                    else neg += w;
                    end++;
                }
                pairs += pos * (negativesBelow + 0.5 * neg);
                negativesBelow += neg;
                positives += pos;
                negatives += neg;
                start = end;
            }
            if (positives > 0 && negatives > 0) {
                sum += pairs / (positives * negatives);
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }
}
