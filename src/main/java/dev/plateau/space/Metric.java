package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What every instance measures, besides its proxy values: losses on the standardised scale, the
 * task's metric in original units, the task metric as deployed, and the hardware cost. Objectives and
 * the racing criterion name them; all but the deployed metrics are columns of candidates.csv.
 *
 * <p>The deployed metrics are errors, lower is better (the metric, or 1 − accuracy): the clean
 * validation error plus the predicted rise under each disturbance the deployment declares — weight
 * noise by {@code weight_noise_risk}, faults by {@code fault_curvature_metric}, input noise by
 * {@code input_noise_probe_metric} — combined by adding the rises (first order: small disturbances'
 * effects add), each rise taken as at least 0 so that a Monte Carlo estimate below zero (noise, or a
 * network not at a minimum) never makes a model look better than a flat one.
 */
public enum Metric {
    VAL_LOSS, VAL_METRIC, TRAIN_LOSS, TEST_LOSS, TEST_METRIC,
    DEPLOYED_METRIC, DEPLOYED_METRIC_WEIGHT_NOISE, DEPLOYED_METRIC_FAULTS, DEPLOYED_METRIC_INPUT_NOISE,
    PARAMS, MACS, WEIGHT_BITS, BOPS;

    /** The proxy value that predicts the rise of a deployed metric's disturbance (null for the combined one). */
    public String risePredictor() {
        return switch (this) {
            case DEPLOYED_METRIC_WEIGHT_NOISE -> "weight_noise_risk";
            case DEPLOYED_METRIC_FAULTS -> "fault_curvature_metric";
            case DEPLOYED_METRIC_INPUT_NOISE -> "input_noise_probe_metric";
            default -> null;
        };
    }

    /** The per-disturbance deployed metrics. */
    public static List<Metric> deployedParts() { return List.of(DEPLOYED_METRIC_WEIGHT_NOISE, DEPLOYED_METRIC_FAULTS, DEPLOYED_METRIC_INPUT_NOISE); }

    /** Whether the deployment declares this deployed metric's disturbance (the combined one: always). */
    public boolean declaredBy(DeploymentSpec d) {
        return switch (this) {
            case DEPLOYED_METRIC -> true;
            case DEPLOYED_METRIC_WEIGHT_NOISE -> d.weightNoise() != null;
            case DEPLOYED_METRIC_FAULTS -> d.faults() != null;
            case DEPLOYED_METRIC_INPUT_NOISE -> d.inputNoise() != null;
            default -> false;
        };
    }

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
