package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How the archive's hypervolume is normalised: each objective maps {@code ideal} → 0 and
 * {@code reference} → 1 (values in the objectives' own units and order). When not given, both are
 * fixed from the first generation's configurations (ideal: the best value, reference: the worst plus
 * 10 % of the range) and recorded in {@code hypervolume-reference.json}.
 */
public record HypervolumeSpec(@JsonProperty("ideal") List<Double> ideal, @JsonProperty("reference") List<Double> reference) {
    public HypervolumeSpec {
        ideal = ideal == null ? null : List.copyOf(ideal);
        reference = reference == null ? null : List.copyOf(reference);
    }

    void validate(String at, int objectives) {
        SpaceViolation.require((ideal == null) == (reference == null), at, "needs both ideal and reference, or neither",
                "give both lists, one value per objective");
        if (ideal == null) return;
        SpaceViolation.require(ideal.size() == objectives, at + "/ideal", "needs " + objectives + " values, got " + ideal.size(), "one per objective");
        SpaceViolation.require(reference.size() == objectives, at + "/reference", "needs " + objectives + " values, got " + reference.size(), "one per objective");
    }
}
