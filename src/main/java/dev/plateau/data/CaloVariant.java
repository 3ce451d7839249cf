package dev.plateau.data;

/**
 * The two calorimeter data sets of the model-selection study (research/calorimeter-racing-study.md §3).
 * A: flat 1–100 GeV spectrum at normal incidence. B: falling spectrum peaking near 8–10 GeV with
 * incidence angles within ±0.31 rad.
 */
public enum CaloVariant {
    A, B;

    public static CaloVariant parse(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
