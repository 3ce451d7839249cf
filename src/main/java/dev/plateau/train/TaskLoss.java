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
    public static double of(Task task, double[] outputs, double[] targets, int rows) {
        if (rows == 0) return Double.NaN;
        int width = outputs.length / rows;
        double sum = 0;
        if (task == Task.CLASSIFICATION) {
            for (int i = 0; i < rows; i++) sum -= Math.log(Math.max(outputs[i * width + (int) targets[i]], MIN_PROBABILITY));
            return sum / rows;
        }
        for (int i = 0; i < outputs.length; i++) sum += (outputs[i] - targets[i]) * (outputs[i] - targets[i]);
        return sum / outputs.length;
    }
}
