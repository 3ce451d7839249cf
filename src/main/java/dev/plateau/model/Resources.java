package dev.plateau.model;

/**
 * Hardware cost of a network: trainable parameters and multiply–accumulates for one sample's forward
 * pass. Computed from layer arithmetic alone, so it is known before training and can reject a
 * candidate early.
 */
public record Resources(long params, long macs) {
    public Resources {
        if (params < 0 || macs < 0) throw new IllegalArgumentException("resources cannot be negative");
    }
}
