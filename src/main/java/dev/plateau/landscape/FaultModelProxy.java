package dev.plateau.landscape;

/**
 * A proxy of the deployment's bit flips. Its flip count and integer format depend on the candidate
 * (a rate scales with the parameters; a quantised candidate is deployed at its own bits), so the
 * battery re-targets it for every network.
 */
public interface FaultModelProxy extends Proxy {
    /** This proxy for {@code flips} expected flips on {@code weightBits}-bit kernels. */
    FaultModelProxy deployedAt(double flips, int weightBits, boolean perChannel);
}
