package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The two calorimeter data sets of the model-selection study (research/calorimeter-racing-study.md §3).
 * A: flat 1–100 GeV spectrum at normal incidence. B: falling spectrum peaking near 8–10 GeV with
 * incidence angles within ±0.31 rad.
 */
public enum CaloVariant {
    A, B;

    @JsonCreator
    public static CaloVariant parse(String name) { return Names.parse(CaloVariant.class, name); }

    @JsonValue
    public String label() { return name(); }
}
