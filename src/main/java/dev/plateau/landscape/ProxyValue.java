package dev.plateau.landscape;

/**
 * One flatness proxy measured on one trained network, with what it cost: samples pushed through a
 * forward pass, samples pushed through a backward pass, and wall time.
 */
public record ProxyValue(String name, double value, long forwardSamples, long gradientSamples, double seconds) {}
