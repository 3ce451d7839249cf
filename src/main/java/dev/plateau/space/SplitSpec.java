package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Fractions of the data held out for validation (model selection) and test (final report). */
public record SplitSpec(@JsonProperty("validation") Double validation, @JsonProperty("test") Double test) {
    public SplitSpec {
        if (validation == null) validation = 0.2;
        if (test == null) test = 0.2;
    }

    void validate(String at) {
        SpaceViolation.require(validation > 0 && validation < 1, at + "/validation", "must be in (0, 1), got " + validation, "use e.g. 0.2");
        SpaceViolation.require(test >= 0 && test < 1, at + "/test", "must be in [0, 1), got " + test, "use e.g. 0.2");
        SpaceViolation.require(validation + test < 0.9, at, "validation + test = " + (validation + test) + " leaves too little to train on",
                "keep validation + test below 0.9");
    }
}
