package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One search objective: a metric of an evaluated instance and whether to minimise or maximise it. */
public record ObjectiveSpec(@JsonProperty("name") String name, @JsonProperty("direction") Direction direction) {

    /** Metric names an objective may use; each is a column of candidates.csv. */
    public static final List<String> METRICS = List.of(
            "val_loss", "val_metric", "train_loss", "test_loss", "test_metric", "noise_curvature", "params", "macs");

    public ObjectiveSpec {
        if (direction == null) direction = Direction.MIN;
    }

    public static ObjectiveSpec min(String name) { return new ObjectiveSpec(name, Direction.MIN); }

    void validate(String at) {
        SpaceViolation.require(name != null && METRICS.contains(name), at + "/name",
                "'" + name + "' is not a metric", "use one of " + METRICS);
    }
}
