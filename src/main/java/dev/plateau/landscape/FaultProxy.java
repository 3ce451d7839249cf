package dev.plateau.landscape;

import dev.plateau.model.quant.SymmetricQuantizer;
import dev.plateau.model.quant.IntegerForm;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fault probe: the expected loss (and task-metric) increase from the deployment's bit flips on the
 * integer weights at the model's precision — a quantised candidate's own b bits and per-channel scales,
 * 8 bits for a float candidate (deployed as int8, as full noise testing assumes). One flip of a
 * uniformly drawn bit of a uniformly drawn kernel weight (biases are not flipped), in b-bit two's
 * complement, averaged over {@code draws} draws, times the expected number of flips (a fixed count,
 * or bit-error rate × parameters × bits): a fixed count spreads over more weights in a bigger model,
 * a rate hits a bigger model more often (pilot-proxies.md: normalise per weight). Each draw's loss
 * rise is capped at that of a destroyed model, {@code destroyedLoss}.
 */
public record FaultProxy(double expectedFlips, SymmetricQuantizer quantizer, int draws, int samples, double destroyedLoss)
        implements Proxy {
    public static final ProxyFamily<ProbeSettings> FAMILY = ProxyFamily.of("faults", "probe", ProbeSettings.class,
            (s, c) -> new FaultProxy(-1, IntegerForm.POST_TRAINING, s.draws(), s.samples(), c.destroyedLoss()),
            "fault_probe", "fault_probe_metric").describedBy("fault_probe_metric_stderr");

    @Override
    public List<ProxyValue> measure(LossSurface s, MeasureContext context) {
        return new FaultProxy(context.expectedFlips(), context.quantizer(), draws, samples, destroyedLoss).measure(s, context.seed());
    }

    /** The probe at this record's flips and integer format. */
    List<ProxyValue> measure(LossSurface s, long seed) {
        INDArray w0 = s.weights();
        double cap = Math.max(destroyedLoss - s.loss(w0), 0);
        List<SurfaceKernel> kernels = SurfaceKernel.of(s, w0, quantizer);
        long total = kernels.stream().mapToLong(SurfaceKernel::size).sum();
        SplittableRandom rng = new SplittableRandom(seed);
        return ForwardProbe.meanIncrease(s, "fault_probe", draws, k -> {
            long pick = (long) (rng.nextDouble() * total);
            int t = 0;
            while (pick >= kernels.get(t).size()) pick -= kernels.get(t++).size();
            SurfaceKernel kernel = kernels.get(t);
            int element = (int) pick, position = rng.nextInt(quantizer.bits());
            INDArray w = w0.dup();
            w.putScalar(kernel.flatIndex()[element], kernel.tensor().flip(element, position) * kernel.tensor().scale(element));
            return new double[][] {s.outputs(w)};
        }, change -> Double.isFinite(change) ? Math.min(change, cap) : cap, expectedFlips);
    }
}
