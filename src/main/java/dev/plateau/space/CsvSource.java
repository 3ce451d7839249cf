package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A CSV file with a header row. Paths are relative to the search-space file. {@code features}
 * defaults to every column that is not a target.
 *
 * @param task    regression or classification
 * @param missing what counts as a missing value and what to do with it (default: an empty cell or NaN is an error)
 */
public record CsvSource(
        @JsonProperty("path") String path,
        @JsonProperty("features") List<String> features,
        @JsonProperty("targets") List<String> targets,
        @JsonProperty("task") Task task,
        @JsonProperty("missing") MissingValues missing) implements DataSource {

    public CsvSource {
        features = features == null ? List.of() : List.copyOf(features);
        targets = targets == null ? List.of() : List.copyOf(targets);
        if (task == null) task = Task.REGRESSION;
        if (missing == null) missing = MissingValues.STRICT;
    }

    void validate(String at) {
        SpaceViolation.require(path != null && !path.isBlank(), at + "/path", "is missing", "name the CSV file, e.g. path: data/train.csv");
        SpaceViolation.require(!targets.isEmpty(), at + "/targets", "needs at least one target column", "e.g. targets: [class]");
        SpaceViolation.require(task != Task.CLASSIFICATION || targets.size() == 1, at + "/targets",
                "classification takes exactly one target column, got " + targets.size(), "name the one label column");
        for (int i = 0; i < features.size(); i++)
            SpaceViolation.require(!targets.contains(features.get(i)), at + "/features/" + i,
                    "column '" + features.get(i) + "' is also a target", "remove it from features");
        missing.validate(at + "/missing");
    }
}
