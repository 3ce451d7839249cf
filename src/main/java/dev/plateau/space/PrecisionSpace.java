package dev.plateau.space;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Precision genes: bits of the weights and of the hidden activations, each from its list of choices
 * (32 means float32, 2..16 means quantisation-aware training at that width), and whether weights get
 * one scale per output channel or one per tensor, and whether scales are powers of two (hls4ml maps
 * those straight to {@code ap_fixed}; other scales add a rescaling step there).
 */
public record PrecisionSpace(
        @JsonProperty("weight_bits") List<Integer> weightBits,
        @JsonProperty("activation_bits") List<Integer> activationBits,
        @JsonProperty("per_channel") Boolean perChannel,
        @JsonProperty("power_of_two_scales") Boolean powerOfTwoScales) {

    public static final int FLOAT = 32;

    public PrecisionSpace {
        if (weightBits == null) weightBits = List.of(FLOAT);
        if (activationBits == null) activationBits = List.of(FLOAT);
        if (perChannel == null) perChannel = true;
        if (powerOfTwoScales == null) powerOfTwoScales = false;
    }

    /** Whether the genome needs precision genes (more than one choice somewhere). */
    public boolean searched() { return weightBits.size() > 1 || activationBits.size() > 1; }

    void validate(String at, List<Activation> activations) {
        for (String key : List.of("weight_bits", "activation_bits")) {
            List<Integer> bits = key.equals("weight_bits") ? weightBits : activationBits;
            SpaceViolation.require(!bits.isEmpty(), at + "/" + key, "needs at least one value", "e.g. [4, 8, 32]");
            for (int i = 0; i < bits.size(); i++)
                SpaceViolation.require(bits.get(i) != null && (bits.get(i) == FLOAT || (bits.get(i) >= 2 && bits.get(i) <= 16)),
                        at + "/" + key + "/" + i, "must be 2..16 or 32 (float), got " + bits.get(i), "e.g. [4, 8, 32]");
        }
        boolean quantisedActivations = activationBits.stream().anyMatch(b -> b != FLOAT);
        SpaceViolation.require(!quantisedActivations || activations.stream().allMatch(a -> a == Activation.RELU), at + "/activation_bits",
                "quantised activations are unsigned clipped ReLUs, but the space has " + activations,
                "use activations: [relu] with quantised activation bits");
    }
}
