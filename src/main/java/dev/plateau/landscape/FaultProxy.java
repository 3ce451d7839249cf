package dev.plateau.landscape;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fault probe: the expected loss (and task-metric) increase from the deployment's bit flips, at the
 * model's precision. It averages the damage of one flip of a uniformly drawn bit of a uniformly drawn
 * parameter over {@code draws} draws, and multiplies by the expected number of flips (a fixed count,
 * or bit-error rate × parameters × bits) — so a fixed count spreads over more weights in a bigger
 * model and a rate hits a bigger model more often (pilot-proxies.md: normalising per weight helps).
 * Networks are float32 until precision genes exist: a flip acts on the IEEE-754 word, and an
 * exponent flip can destroy the network, so each draw's damage is capped at that of a destroyed
 * model, {@code destroyedLoss}.
 */
public record FaultProxy(double expectedFlips, int draws, int samples, double destroyedLoss) implements Proxy {
    static final int FLOAT_BITS = 32;

    @Override
    public List<ProxyValue> measure(LossSurface s, long seed) {
        INDArray w0 = s.weights();
        double cap = Math.max(destroyedLoss - s.loss(w0), 0);
        SplittableRandom rng = new SplittableRandom(seed);
        return ForwardProbe.meanIncrease(s, "fault_probe", draws, k -> {
            int i = rng.nextInt(s.dimension()), bit = rng.nextInt(FLOAT_BITS);
            INDArray w = w0.dup();
            w.putScalar(i, Float.intBitsToFloat(Float.floatToRawIntBits((float) w.getDouble(i)) ^ (1 << bit)));
            return new double[][] {s.outputs(w)};
        }, change -> Double.isFinite(change) ? Math.min(change, cap) : cap, expectedFlips);
    }
}
