package dev.plateau.train;

/**
 * What training produced: the loss of the last epoch on the training data, the epochs completed, the
 * wall time, and {@code failure} (null when training succeeded).
 *
 * @param stoppedEarly whether the epoch monitor ended it (early stopping), as opposed to a failure of the training itself
 */
public record TrainingRun(double trainLoss, int epochs, double seconds, String failure, boolean stoppedEarly) {
    public TrainingRun(double trainLoss, int epochs, double seconds, String failure) { this(trainLoss, epochs, seconds, failure, false); }

    public boolean failed() { return failure != null; }
}
