package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Training genes (Adam optimiser), the seed gene — instances of one configuration differ only in their
 * seed, drawn from {@code 1..seeds} — and the training-sample-size gene: how many training examples
 * an instance draws (with its sample seed) from the training split; absent means all of them.
 */
public record TrainingSpace(
        @JsonProperty("learning_rates") List<Double> learningRates,
        @JsonProperty("batch_sizes") List<Integer> batchSizes,
        @JsonProperty("epochs") List<Integer> epochs,
        @JsonProperty("seeds") Integer seeds,
        @JsonProperty("training_samples") List<Integer> trainingSamples) {

    /** A training-sample size of 0 stands for the whole training split. */
    public static final int ALL_SAMPLES = 0;

    public TrainingSpace {
        if (learningRates == null) learningRates = List.of(1e-3, 3e-3);
        if (batchSizes == null) batchSizes = List.of(64);
        if (epochs == null) epochs = List.of(10);
        if (seeds == null) seeds = 3;
        if (trainingSamples == null) trainingSamples = List.of(ALL_SAMPLES);
    }

    void validate(String at) {
        SpaceViolation.requireChoices(learningRates, at + "/learning_rates", 1e-7, 10, "use e.g. [0.001, 0.003]");
        SpaceViolation.requireChoices(batchSizes, at + "/batch_sizes", 1, 1 << 16, "use e.g. [32, 64, 128]");
        SpaceViolation.requireChoices(epochs, at + "/epochs", 1, 100_000, "use e.g. [5, 10]");
        SpaceViolation.require(seeds >= 1 && seeds <= 1_000_000, at + "/seeds", "must be between 1 and 1000000, got " + seeds, "use e.g. 3");
        if (!trainingSamples.equals(List.of(ALL_SAMPLES)))
            SpaceViolation.requireChoices(trainingSamples, at + "/training_samples", 10, 100_000_000, "use e.g. [100, 1000, 8000, 32000]");
    }
}
