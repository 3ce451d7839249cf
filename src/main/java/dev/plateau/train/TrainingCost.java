package dev.plateau.train;

import dev.plateau.space.Regularization;
import dev.plateau.space.Sharpness;

/**
 * The work a training run did, counted rather than timed so that decisions taken from it are the same
 * on every run: minibatch steps, their size, gradient evaluations per step (SAM's ascent adds one, the
 * Jacobian penalty two back-propagations) and the network's multiply-accumulates per sample.
 */
public record TrainingCost(long steps, int batchSize, int gradientsPerStep, long macsPerSample) {
    /** A backward pass costs about twice a forward one. */
    static final int PASSES_PER_GRADIENT = 3;

    public static TrainingCost of(int epochs, int trainingRows, int batchSize, Regularization regularization, long macsPerSample) {
        long steps = (long) epochs * ((trainingRows + batchSize - 1) / batchSize);
        int gradients = 1 + (regularization.sharpness() != Sharpness.NONE ? 1 : 0) + (regularization.jacobian() > 0 ? 2 : 0);
        return new TrainingCost(steps, batchSize, gradients, macsPerSample);
    }

    /**
     * The run's work in multiply-accumulates, with {@code stepOverhead} multiply-accumulates of
     * per-minibatch bookkeeping (updater, loss, buffers), which dominates for small networks.
     */
    public double macs(double stepOverhead) {
        return steps * (stepOverhead + (double) batchSize * PASSES_PER_GRADIENT * gradientsPerStep * macsPerSample);
    }
}
