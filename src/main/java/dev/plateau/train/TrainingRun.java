package dev.plateau.train;

/**
 * What training produced: the loss of the last epoch on the training data, the epochs completed, the
 * wall time, and {@code failure} (null when training succeeded).
 */
public record TrainingRun(double trainLoss, int epochs, double seconds, String failure) {
    public boolean failed() { return failure != null; }
}
