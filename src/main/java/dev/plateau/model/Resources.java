package dev.plateau.model;

/**
 * Hardware cost of a network: trainable parameters and multiply–accumulates for one sample's forward
 * pass, and from them weight memory and bit operations (BOPs). Computed from layer arithmetic alone, so it is known before training and can reject a
 * candidate early.
 */
public record Resources(long params, long macs, int weightWidth, int activationWidth) {
    /** Bits per weight and per activation of a float32 network. */
    public static final int FLOAT_BITS = 32;

    public Resources {
        if (params < 0 || macs < 0) throw new IllegalArgumentException("resources cannot be negative");
        if (weightWidth < 1 || activationWidth < 1) throw new IllegalArgumentException("bit widths must be positive");
    }

    /** A float32 network. */
    public Resources(long params, long macs) { this(params, macs, FLOAT_BITS, FLOAT_BITS); }

    /** Weight memory in bits: Σ params × b_w (the definition; biases are counted at b_w too). */
    public long weightBits() { return params * weightWidth; }

    /** Bit operations: Σ MACs × b_w × b_a. */
    public long bops() { return macs * weightWidth * activationWidth; }
}
