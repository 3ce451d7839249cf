package dev.plateau.train;

import dev.plateau.space.Task;

/**
 * The training loss evaluated outside DL4J, on network outputs: mean squared error per output for
 * regression (DL4J's {@code LossMSE} convention: summed over outputs / nOut, averaged over samples),
 * mean cross-entropy for classification. Excludes regularisation terms, unlike {@code net.score()}.
 */
public final class TaskLoss {
    private static final double MIN_PROBABILITY = 1e-12;

    private TaskLoss() {}

    /**
     * @param outputs rows × width network outputs (class probabilities for classification)
     * @param targets rows × targets (class index for classification)
     */
    public static double of(Task task, double[] outputs, double[] targets, int rows) { return of(task, outputs, targets, rows, null); }

    /** The loss with each row weighted by {@code weights} (null: once each), normalised by their sum. */
    public static double of(Task task, double[] outputs, double[] targets, int rows, double[] weights) {
        if (rows == 0) return Double.NaN;
        int width = outputs.length / rows;
        double sum = 0, total = 0;
        for (int i = 0; i < rows; i++) {
            double w = weights == null ? 1 : weights[i];
            total += w;
            if (task == Task.CLASSIFICATION) sum -= w * Math.log(Math.max(outputs[i * width + (int) targets[i]], MIN_PROBABILITY));
            else
                for (int k = 0; k < width; k++) sum += w * (outputs[i * width + k] - targets[i * width + k]) * (outputs[i * width + k] - targets[i * width + k]) / width;
        }
        return sum / total;
    }
}
