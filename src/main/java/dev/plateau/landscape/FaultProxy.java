package dev.plateau.landscape;

import dev.plateau.model.quant.SymmetricQuantizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
public record FaultProxy(double expectedFlips, int bits, boolean perChannel, int draws, int samples, double destroyedLoss)
        implements Proxy {
    /** Bits a float network is deployed with. */
    public static final int FLOAT_DEPLOYMENT_BITS = 8;

    public static final ProxyFamily<ProbeSettings> FAMILY = ProxyFamily.of("faults", "probe", ProbeSettings.class,
            (s, c) -> new FaultProxy(-1, FLOAT_DEPLOYMENT_BITS, true, s.draws(), s.samples(), c.destroyedLoss()), "fault_probe", "fault_probe_metric");

    /** One kernel in integer form: levels in 'c' order, scales, and the flat index of each element. */
    record Kernel(int[] levels, double[] scales, long[] shape, int[] flatIndex) {
        /** The quantiser scale of element {@code e} (its channel's, or the tensor's). */
        double scale(int e) {
            return scales[scales.length == 1 ? 0 : SymmetricQuantizer.channelOf(shape, e, levels.length / scales.length)];
        }

        /** How far flipping bit {@code position} of element {@code e}'s b-bit level moves its weight. */
        double flipStep(int e, int bits, int position) {
            return (flip(levels[e], bits, position) - levels[e]) * scale(e);
        }
    }

    @Override
    public List<ProxyValue> measure(LossSurface s, MeasureContext context) {
        return new FaultProxy(context.expectedFlips(), context.weightBits(), context.perChannel(), draws, samples, destroyedLoss).measure(s, context.seed());
    }

    /** The probe at this record's flips and integer format. */
    List<ProxyValue> measure(LossSurface s, long seed) {
        INDArray w0 = s.weights();
        double cap = Math.max(destroyedLoss - s.loss(w0), 0);
        List<Kernel> kernels = kernels(s, w0, bits, perChannel);
        long total = kernels.stream().mapToLong(k -> k.levels().length).sum();
        SplittableRandom rng = new SplittableRandom(seed);
        return ForwardProbe.meanIncrease(s, "fault_probe", draws, k -> {
            long pick = (long) (rng.nextDouble() * total);
            int t = 0;
            while (pick >= kernels.get(t).levels().length) pick -= kernels.get(t++).levels().length;
            Kernel kernel = kernels.get(t);
            int element = (int) pick, position = rng.nextInt(bits);
            int level = flip(kernel.levels()[element], bits, position);
            INDArray w = w0.dup();
            w.putScalar(kernel.flatIndex()[element], level * kernel.scale(element));
            return new double[][] {s.outputs(w)};
        }, change -> Double.isFinite(change) ? Math.min(change, cap) : cap, expectedFlips);
    }

    /** Flips bit {@code position} (0 = most significant, the sign) of a b-bit two's-complement level. */
    public static int flip(int level, int bits, int position) {
        int mask = (1 << bits) - 1;
        int code = (level & mask) ^ (1 << (bits - 1 - position));
        return code >= 1 << (bits - 1) ? code - (1 << bits) : code;
    }

    /**
     * The kernels as integers. Each tensor is read through DL4J's view; its flat positions are found by
     * writing element numbers into the view and reading the flat vector back, so no layout is assumed.
     */
    static List<Kernel> kernels(LossSurface s, INDArray w0, int bits, boolean perChannel) {
        SymmetricQuantizer q = new SymmetricQuantizer(bits, perChannel);
        List<Kernel> out = new ArrayList<>();
        for (dev.plateau.model.ParamBlock b : s.blocks()) {
            if (!b.weight()) continue;
            INDArray tensor = s.tensor(b, w0);
            double[] scales = q.scales(tensor);
            int[] levels = q.levels(tensor, scales);
            double[] numbers = new double[levels.length];
            for (int i = 0; i < numbers.length; i++) numbers[i] = i + 1;
            Map<dev.plateau.model.ParamBlock, INDArray> probe = new LinkedHashMap<>();
            probe.put(b, Nd4j.createFromArray(numbers).reshape('c', tensor.shape()));
            double[] flat = s.flat(probe).toDoubleVector();
            int[] flatIndex = new int[levels.length];
            for (int f = 0; f < flat.length; f++) if (flat[f] > 0) flatIndex[(int) Math.round(flat[f]) - 1] = f;
            out.add(new Kernel(levels, scales, tensor.shape(), flatIndex));
        }
        return out;
    }
}
