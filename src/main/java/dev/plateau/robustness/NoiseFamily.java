package dev.plateau.robustness;

import java.util.SplittableRandom;

/**
 * One kind of disturbance at increasing severities. {@link #metricUnder} gives the task metric ("lower
 * is better") of the deployed network under one draw; families with no randomness are drawn once.
 */
public interface NoiseFamily {
    String name();

    double[] severities();

    double metricUnder(Deployment d, double severity, SplittableRandom rng);

    default boolean random() { return true; }

    /** The draws per severity when {@code requested} are asked for: one for a deterministic family. */
    default int draws(int requested) { return random() ? requested : 1; }
}
