package dev.plateau.robustness;

import dev.plateau.landscape.HessianFaultProxy;
import dev.plateau.landscape.HessianSpectrum;
import dev.plateau.landscape.LossSurface;
import dev.plateau.model.quant.IntegerTensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Bit flips on the integer weights of the deployed network, in b-bit two's complement (biases are not
 * flipped), n flips per model:
 * <ul>
 *   <li>{@code random}: bits drawn uniformly, with replacement, over all weight bits;</li>
 *   <li>{@code msb}: the sign bits of weights drawn uniformly;</li>
 *   <li>{@code hessian}: FKeras's ranking (method-details.md §3) — weights scored by
 *       |λ₁ (v₁·w) v₁ᵢ| from the top Hessian eigenpair, their sign bits flipped in descending score;
 *       deterministic, drawn once.</li>
 * </ul>
 */
public final class BitFlips implements NoiseFamily {
    public enum Strategy { RANDOM, MSB, HESSIAN }

    private static final double[] COUNTS = {1, 5, 10, 20};
    /** Test rows the ranking's Hessian eigenpair is computed on. */
    static final int HESSIAN_ROWS = 256;
    private final Strategy strategy;
    private List<int[]> hessianOrder;  // (tensor, element) by descending score, computed once per deployment
    private Deployment rankedFor;

    public BitFlips(Strategy strategy) { this.strategy = strategy; }

    @Override
    public String name() { return "bitflip_" + strategy.name().toLowerCase(java.util.Locale.ROOT); }

    @Override
    public double[] severities() { return COUNTS.clone(); }

    @Override
    public boolean random() { return strategy != Strategy.HESSIAN; }

    @Override
    public double metricUnder(Deployment d, double severity, SplittableRandom rng) {
        return d.metric(flipped(d, (int) severity, rng), d.inputs());
    }

    /** A copy of the deployed network with {@code flips} bits flipped by this strategy. */
    MultiLayerNetwork flipped(Deployment d, int flips, SplittableRandom rng) {
        List<IntegerTensor> tensors = d.integerWeights();
        Map<Integer, int[]> changed = new HashMap<>();  // tensor -> its levels with the flips so far
        long totalWeights = tensors.stream().mapToLong(IntegerTensor::size).sum();
        List<int[]> order = strategy == Strategy.HESSIAN ? hessianOrder(d) : null;
        for (int n = 0; n < flips; n++) {
            int tensor, element, position;
            if (strategy == Strategy.HESSIAN) {
                int[] te = order.get(n % order.size());
                tensor = te[0];
                element = te[1];
                position = n / order.size();  // MSB plane first, then the next
            } else {
                long k = (long) (rng.nextDouble() * totalWeights);
                tensor = 0;
                while (k >= tensors.get(tensor).size()) k -= tensors.get(tensor++).size();
                element = (int) k;
                position = strategy == Strategy.MSB ? 0 : rng.nextInt(tensors.get(tensor).bits());
            }
            IntegerTensor t = tensors.get(tensor);
            int[] levels = changed.computeIfAbsent(tensor, x -> t.levels().clone());
            levels[element] = IntegerTensor.flip(levels[element], t.bits(), position);
        }
        return d.withTensors(changed.entrySet().stream().map(e -> tensors.get(e.getKey()).withLevels(e.getValue())).toList());
    }

    /** (tensor, element in the tensor's 'c' order) of every weight, by descending FKeras score. */
    List<int[]> hessianOrder(Deployment d) {
        if (hessianOrder != null && rankedFor == d) return hessianOrder;
        rankedFor = d;
        LossSurface s = new LossSurface(d.network(), d.test().head(HESSIAN_ROWS));
        var scores = HessianFaultProxy.flipScores(HessianSpectrum.top(s, 1, 100, 1e-6, 1), s.weights());
        List<double[]> scored = new ArrayList<>();
        List<IntegerTensor> tensors = d.integerWeights();
        for (int t = 0; t < tensors.size(); t++) {
            final int layer = tensors.get(t).layer();
            dev.plateau.model.ParamBlock block = s.blocks().stream().filter(b -> b.layer() == layer && b.weight()).findFirst().orElseThrow();
            double[] st = s.tensor(block, scores).dup('c').ravel().toDoubleVector();  // the scores in the tensor's 'c' order
            for (int i = 0; i < st.length; i++) scored.add(new double[] {st[i], t, i});
        }
        scored.sort(Comparator.comparingDouble((double[] a) -> a[0]).reversed());
        hessianOrder = scored.stream().map(a -> new int[] {(int) a[1], (int) a[2]}).toList();
        return hessianOrder;
    }
}
