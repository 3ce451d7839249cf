package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A table's own domain baseline ({@code dataset.baseline}): a feature column that already predicts the
 * target as it is ({@code column}: e.g. an offline reconstruction), or a one-feature fit on the training
 * rows ({@code fit}: least squares for regression, the best single threshold for classification).
 * Exactly one is given. It replaces the calibrated energy sum of calorimeter data where both apply.
 */
public record BaselineSpec(@JsonProperty("column") String column, @JsonProperty("fit") String fit) {
    /** The feature column it reads. */
    @JsonIgnore
    public String columnName() { return column != null ? column : fit; }

    /** How it predicts, for the summary, baselines.json and the model cards. */
    public String describe() {
        return column != null ? "column '" + column + "' as it is" : "one-feature fit on '" + fit + "' (fitted on the training rows)";
    }

    void validate(String at, DataSource source) {
        SpaceViolation.require((column == null) != (fit == null), at, "needs exactly one of column and fit",
                "e.g. baseline: {column: e_reco} or baseline: {fit: e_sum}");
        SpaceViolation.require(!(source instanceof CaloSource), at, "the simulated calorimeter has its own baseline (the calibrated energy sum)",
                "drop baseline:");
        SpaceViolation.require(column == null || source.task() == Task.REGRESSION, at + "/column",
                "a column cannot be taken as class predictions", "use baseline: {fit: " + column + "} (the best single threshold)");
    }
}
