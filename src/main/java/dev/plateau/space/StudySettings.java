package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Name of the study (its results folder) and the study seed every random choice flows from. */
public record StudySettings(@JsonProperty("name") String name, @JsonProperty("seed") Long seed) {
    public StudySettings {
        if (name == null) name = "study";
        if (seed == null) seed = 1L;
    }

    void validate(String at) {
        SpaceViolation.require(name.matches("[A-Za-z0-9][A-Za-z0-9._-]*"), at + "/name",
                "'" + name + "' is not a usable folder name", "use letters, digits, '.', '_' or '-'");
        SpaceViolation.require(seed > 0, at + "/seed", "must be a positive integer, got " + seed,
                "DL4J's seed 0 is not reproducible; use e.g. 42");
    }
}
