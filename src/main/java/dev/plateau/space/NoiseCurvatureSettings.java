package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The antithetic weight-noise curvature probe ½[L(w+δ)+L(w−δ)] − L(w), δ = σ·s⊙z
 * (flatness-proxies.md §0): its geometry s, level σ, number of antithetic pairs and of validation
 * samples it looks at.
 */
public record NoiseCurvatureSettings(
        @JsonProperty("geometry") NoiseGeometry geometry,
        @JsonProperty("sigma") Double sigma,
        @JsonProperty("pairs") Integer pairs,
        @JsonProperty("samples") Integer samples) {

    public NoiseCurvatureSettings {
        if (geometry == null) geometry = NoiseGeometry.MULTIPLICATIVE;
        if (sigma == null) sigma = 0.05;
        if (pairs == null) pairs = 8;
        if (samples == null) samples = 256;
    }

    void validate(String at) {
        SpaceViolation.require(sigma > 0 && sigma <= 10, at + "/sigma", "must be in (0, 10], got " + sigma, "use e.g. 0.05");
        SpaceViolation.require(pairs >= 1 && pairs <= 10_000, at + "/pairs", "must be between 1 and 10000, got " + pairs, "use e.g. 8");
        SpaceViolation.require(samples >= 1, at + "/samples", "must be at least 1, got " + samples, "use e.g. 512");
    }
}
