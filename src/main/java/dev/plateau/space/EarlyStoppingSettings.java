package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Multi-objective early stopping: after each epoch (from {@code minEpochs} on) a training measures its
 * validation loss; if even an optimistic outlook — that loss lowered by {@code margin} (relative),
 * the exact hardware cost, and every other objective at the best value seen in the study — is
 * dominated by the archive as it stood when the generation began, the training stops as "pruned".
 */
public record EarlyStoppingSettings(
        @JsonProperty("enabled") Boolean enabled,
        @JsonProperty("margin") Double margin,
        @JsonProperty("min_epochs") Integer minEpochs) implements java.io.Serializable {

    public EarlyStoppingSettings {
        if (enabled == null) enabled = false;
        if (margin == null) margin = 0.5;
        if (minEpochs == null) minEpochs = 2;
    }

    public EarlyStoppingSettings withEnabled(boolean on) { return new EarlyStoppingSettings(on, margin, minEpochs); }

    void validate(String at) {
        SpaceViolation.require(margin >= 0 && margin < 1, at + "/margin", "must be in [0, 1), got " + margin, "use e.g. 0.5");
        SpaceViolation.require(minEpochs >= 1, at + "/min_epochs", "must be at least 1, got " + minEpochs, "use e.g. 1");
    }
}
