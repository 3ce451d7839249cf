package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One search objective: a metric of the instances, the statistic that turns a configuration's
 * instances into one value (mean by default; {@code spread} is the instance spread), and whether to
 * minimise or maximise it.
 */
public record ObjectiveSpec(
        @JsonProperty("name") String name,
        @JsonProperty("statistic") Statistic statistic,
        @JsonProperty("direction") Direction direction) implements java.io.Serializable {

    public ObjectiveSpec {
        if (statistic == null) statistic = Statistic.MEAN;
        if (direction == null) direction = Direction.MIN;
    }

    public static ObjectiveSpec min(String name) { return new ObjectiveSpec(name, Statistic.MEAN, Direction.MIN); }

    /** The column name of this objective in configurations.csv and pareto.csv, e.g. {@code val_loss_median}. */
    public String label() { return name + "_" + statistic.label(); }

    void validate(String at) {
        SpaceViolation.require(name != null, at + "/name", "is missing", "name a metric, e.g. val_loss");
    }
}
