package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Hardware limits checked from layer arithmetic before a candidate trains; a candidate over a limit
 * is recorded as rejected and never trained. Null means no limit.
 */
public record ConstraintSpec(
        @JsonProperty("max_params") Long maxParams,
        @JsonProperty("max_macs") Long maxMacs,
        @JsonProperty("max_weight_bits") Long maxWeightBits,
        @JsonProperty("max_bops") Long maxBops) {

    public static ConstraintSpec none() { return new ConstraintSpec(null, null, null, null); }

    void validate(String at) {
        for (var e : java.util.Map.of("max_params", maxParams == null ? 1 : maxParams, "max_macs", maxMacs == null ? 1 : maxMacs,
                "max_weight_bits", maxWeightBits == null ? 1 : maxWeightBits, "max_bops", maxBops == null ? 1 : maxBops).entrySet())
            SpaceViolation.require(e.getValue() > 0, at + "/" + e.getKey(), "must be positive, got " + e.getValue(), "remove it for no limit");
    }
}
