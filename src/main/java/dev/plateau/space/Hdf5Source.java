package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An HDF5 file of samples along the first dimension of each dataset, in the CaloGAN layout or any
 * like it: {@code features} names datasets (or groups, meaning every dataset in them, in name order)
 * whose rows are flattened and joined in the order given; {@code target} is a dataset of one value
 * per row. Paths are relative to the search-space file.
 *
 * <p>With {@code cells: true} (the default) the features are energy deposits in one unit — calorimeter
 * cells — so they share one scale (their RMS), and the energy input (ln of their sum) applies. A single
 * feature dataset of rows × height × width (or rows × channels × height × width) is an image, so CNNs
 * apply; several are read as one row of cells, for MLPs (a CNN reads one layer: name it alone).
 *
 * @param metric the figure of merit of a regression: rmse (default) or relative_rmse (calorimeter
 *               energy: the resolution, learnt as ln E, with the calibrated energy-sum baseline)
 */
public record Hdf5Source(
        @JsonProperty("path") String path,
        @JsonProperty("features") List<String> features,
        @JsonProperty("target") String target,
        @JsonProperty("task") Task task,
        @JsonProperty("cells") Boolean cells,
        @JsonProperty("metric") String metric) implements DataSource {

    public Hdf5Source {
        features = features == null ? List.of() : List.copyOf(features);
        if (task == null) task = Task.REGRESSION;
        if (cells == null) cells = true;
        if (metric == null) metric = "rmse";
    }

    @Override
    @JsonIgnore
    public boolean isImage() { return cells && features.size() == 1; }

    @Override
    @JsonIgnore
    public boolean hasCells() { return cells; }

    @Override
    @JsonIgnore
    public boolean measuresEnergy() { return cells && metric.equals("relative_rmse"); }

    Hdf5Source withPath(String resolved) { return new Hdf5Source(resolved, features, target, task, cells, metric); }

    void validate(String at) {
        SpaceViolation.require(path != null && !path.isBlank(), at + "/path", "is missing", "name the HDF5 file, e.g. path: data/showers.h5");
        SpaceViolation.require(!features.isEmpty(), at + "/features", "needs at least one dataset or group",
                "e.g. features: [layer_0, layer_1, layer_2]");
        SpaceViolation.require(target != null && !target.isBlank(), at + "/target", "is missing", "name the target dataset, e.g. target: energy");
        SpaceViolation.require(!features.contains(target), at + "/features", "dataset '" + target + "' is also the target", "remove it from features");
        SpaceViolation.require(metric.equals("rmse") || metric.equals("relative_rmse"), at + "/metric",
                "'" + metric + "' is not a regression metric", "use rmse or relative_rmse");
        SpaceViolation.require(task == Task.REGRESSION || metric.equals("rmse"), at + "/metric",
                "a classification study is scored by accuracy", "drop metric:");
    }
}
