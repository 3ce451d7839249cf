package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the study's models will be disturbed where they are deployed (design §3b). It drives the
 * default proxies (geometry, level, normalisation) and, later, full noise testing. Each part is
 * optional.
 *
 * @param weightNoise Gaussian weight noise: geometry (multiplicative, layer_range, isotropic) and level σ
 * @param inputNoise  Gaussian input noise, level in units of the feature scale
 * @param faults      bit flips at the model's precision: a count per model, or a bit-error rate
 */
public record DeploymentSpec(
        @JsonProperty("weight_noise") WeightNoise weightNoise,
        @JsonProperty("input_noise") InputNoise inputNoise,
        @JsonProperty("faults") Faults faults) {

    public record WeightNoise(@JsonProperty("geometry") NoiseGeometry geometry, @JsonProperty("level") Double level) {
        public WeightNoise {
            if (geometry == null) geometry = NoiseGeometry.MULTIPLICATIVE;
            if (level == null) level = 0.05;
        }
    }

    public record InputNoise(@JsonProperty("level") Double level) {
        public InputNoise {
            if (level == null) level = 0.1;
        }
    }

    public record Faults(@JsonProperty("bit_flips") Integer bitFlips, @JsonProperty("bit_error_rate") Double bitErrorRate) {
        /** Expected flips in a model of {@code parameters} weights stored with {@code bits} bits each. */
        public double expectedFlips(long parameters, int bits) {
            return bitFlips != null ? bitFlips : bitErrorRate * parameters * bits;
        }
    }

    public static DeploymentSpec none() { return new DeploymentSpec(null, null, null); }

    /** Whether it declares any disturbance. */
    public boolean declaresAny() { return weightNoise != null || inputNoise != null || faults != null; }

    void validate(String at) {
        if (weightNoise != null)
            SpaceViolation.require(weightNoise.level() > 0 && weightNoise.level() <= 10, at + "/weight_noise/level",
                    "must be in (0, 10], got " + weightNoise.level(), "use e.g. 0.05");
        if (inputNoise != null)
            SpaceViolation.require(inputNoise.level() > 0 && inputNoise.level() <= 100, at + "/input_noise/level",
                    "must be in (0, 100], got " + inputNoise.level(), "use e.g. 0.1");
        if (faults != null) {
            SpaceViolation.require((faults.bitFlips() == null) != (faults.bitErrorRate() == null), at + "/faults",
                    "needs exactly one of bit_flips and bit_error_rate", "e.g. {bit_flips: 10} or {bit_error_rate: 1e-4}");
            SpaceViolation.require(faults.bitFlips() == null || faults.bitFlips() >= 1, at + "/faults/bit_flips",
                    "must be at least 1, got " + faults.bitFlips(), "use e.g. 10");
            SpaceViolation.require(faults.bitErrorRate() == null || (faults.bitErrorRate() > 0 && faults.bitErrorRate() < 1),
                    at + "/faults/bit_error_rate", "must be in (0, 1), got " + faults.bitErrorRate(), "use e.g. 1e-4");
        }
    }
}
