package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the data comes from (exactly one of {@code calo}, {@code csv} and {@code hdf5}), how it is split, and its own domain baseline if any. */
public record DatasetSpec(
        @JsonProperty("calo") CaloSource calo,
        @JsonProperty("csv") CsvSource csv,
        @JsonProperty("hdf5") Hdf5Source hdf5,
        @JsonProperty("split") SplitSpec split,
        @JsonProperty("baseline") BaselineSpec baseline,
        @JsonProperty("weights") String weights,
        @JsonProperty("class_weights") ClassWeights classWeights) {

    public DatasetSpec {
        if (split == null) split = new SplitSpec(null, null);
        if (classWeights == null) classWeights = ClassWeights.NONE;
    }

    /** The one source named. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public DataSource source() { return calo != null ? calo : csv != null ? csv : hdf5; }

    /** True when samples are images, so convolutional candidates apply. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isImage() { return source().isImage(); }

    DatasetSpec resolved(long studySeed, Path baseDir) {
        CaloSource c = calo == null ? null : calo.withDefaultSeed(studySeed);
        CsvSource v = csv == null ? null
                : new CsvSource(baseDir.resolve(csv.path()).toAbsolutePath().normalize().toString(),
                csv.features(), csv.targets(), csv.task(), csv.missing());
        Hdf5Source h = hdf5 == null ? null : hdf5.withPath(baseDir.resolve(hdf5.path()).toAbsolutePath().normalize().toString());
        return new DatasetSpec(c, v, h, split, baseline, weights, classWeights);
    }

    void validate(String at, Path baseDir) {
        long sources = java.util.stream.Stream.of(calo, csv, hdf5).filter(java.util.Objects::nonNull).count();
        SpaceViolation.require(sources == 1, at, sources == 0 ? "names no data source" : "names " + sources + " data sources",
                "give exactly one of calo:, csv: or hdf5:");
        if (calo != null) calo.validate(at + "/calo");
        if (csv != null) {
            csv.validate(at + "/csv");
            // a recorded study (baseDir null) is read for its records: its data may live elsewhere now
            Path file = baseDir == null ? null : baseDir.resolve(csv.path()).normalize();
            SpaceViolation.require(file == null || Files.exists(file), at + "/csv/path",
                    "file " + file + " does not exist", "paths are relative to the search-space file");
            SpaceViolation.require(file == null || Files.isRegularFile(file), at + "/csv/path",
                    file + " is not a regular file (a folder or a device?)", "name a CSV file");
        }
        if (hdf5 != null) {
            hdf5.validate(at + "/hdf5");
            Path file = baseDir == null ? null : baseDir.resolve(hdf5.path()).normalize();
            SpaceViolation.require(file == null || Files.isRegularFile(file), at + "/hdf5/path",
                    "file " + file + " does not exist or is not a regular file", "paths are relative to the search-space file");
        }
        split.validate(at + "/split");
        if (baseline != null && sources == 1) baseline.validate(at + "/baseline", source());
        SpaceViolation.require(weights == null || calo == null, at + "/weights", "the simulated calorimeter has no event weights",
                "drop weights:, or read weighted events from a csv: or hdf5: file");
        SpaceViolation.require(weights == null || !weights.isBlank(), at + "/weights", "names no column", "e.g. weights: evt_weight");
        SpaceViolation.require(weights == null || hdf5 == null || !hdf5.features().contains(weights), at + "/weights",
                "dataset '" + weights + "' is also a feature", "take it out of hdf5.features: weights are never learnt from");
        SpaceViolation.require(classWeights == ClassWeights.NONE || sources != 1 || source().task() == Task.CLASSIFICATION, at + "/class_weights",
                "class weights apply to classification", "drop class_weights:");
    }
}
