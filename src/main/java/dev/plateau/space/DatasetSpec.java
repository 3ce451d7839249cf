package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the data comes from (exactly one of {@code calo} and {@code csv}) and how it is split. */
public record DatasetSpec(
        @JsonProperty("calo") CaloSource calo,
        @JsonProperty("csv") CsvSource csv,
        @JsonProperty("split") SplitSpec split) {

    public DatasetSpec {
        if (split == null) split = new SplitSpec(null, null);
    }

    /** The one source named. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public DataSource source() { return calo != null ? calo : csv; }

    /** True when samples are images, so convolutional candidates apply. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isImage() { return source().isImage(); }

    DatasetSpec resolved(long studySeed, Path baseDir) {
        CaloSource c = calo == null ? null : calo.withDefaultSeed(studySeed);
        CsvSource v = csv == null ? null
                : new CsvSource(baseDir.resolve(csv.path()).toAbsolutePath().normalize().toString(),
                csv.features(), csv.targets(), csv.task(), csv.missing());
        return new DatasetSpec(c, v, split);
    }

    void validate(String at, Path baseDir) {
        SpaceViolation.require((calo == null) != (csv == null), at,
                calo == null ? "names no data source" : "names both calo and csv", "give exactly one of calo: or csv:");
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
        split.validate(at + "/split");
    }
}
