package dev.plateau.model.quant;

import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Unsigned b-bit activation: ReLU clipped at {@code max} and rounded to 2^b − 1 steps. The backward
 * pass is the straight-through estimator of the clipped ReLU: gradient 1 where 0 < z < max, else 0.
 * The clip {@value #DEFAULT_MAX} suits the standardised inputs Plateau trains on.
 */
public class QuantizedRelu extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;
    public static final double DEFAULT_MAX = 4.0;
    private int bits = 8;
    private double max = DEFAULT_MAX;

    public QuantizedRelu() {}

    public QuantizedRelu(int bits, double max) {
        this.bits = bits;
        this.max = max;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) { return ActivationQuantizer.onGrid(in, bits, max); }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        INDArray pass = in.gt(0.0).castTo(in.dataType()).muli(in.lt(max).castTo(in.dataType()));
        in.assign(pass).muli(epsilon);
        return new Pair<>(in, null);
    }

    public int getBits() { return bits; }

    public void setBits(int bits) { this.bits = bits; }

    public double getMax() { return max; }

    public void setMax(double max) { this.max = max; }

    @Override
    public boolean equals(Object o) { return o instanceof QuantizedRelu q && q.bits == bits && q.max == max; }

    @Override
    public int hashCode() { return Objects.hash(bits, max); }

    @Override
    public String toString() { return "QuantizedRelu(" + bits + " bits, max " + max + ")"; }
}
