package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What every instance measures, besides its proxy values: losses on the standardised scale, the
 * task's metric in original units, and the hardware cost. Objectives and the racing criterion name
 * them; each is a column of candidates.csv.
 */
public enum Metric {
    VAL_LOSS, VAL_METRIC, TRAIN_LOSS, TEST_LOSS, TEST_METRIC, PARAMS, MACS, WEIGHT_BITS, BOPS;

    @JsonValue
    public String label() { return name().toLowerCase(Locale.ROOT); }

    @JsonCreator
    public static Metric parse(String text) { return Names.parse(Metric.class, text); }

    /** The metric named {@code name}, if it is one (else it may be a proxy value). */
    public static Optional<Metric> find(String name) {
        return Arrays.stream(values()).filter(m -> m.label().equals(name)).findFirst();
    }

    public static List<String> labels() { return Arrays.stream(values()).map(Metric::label).toList(); }

    /** A training-loss figure, which early stopping can extrapolate from the validation loss. */
    public boolean loss() { return this == VAL_LOSS || this == TRAIN_LOSS; }

    /** A hardware cost, known before training. */
    public boolean hardware() { return ordinal() >= PARAMS.ordinal(); }
}
