package dev.plateau.model.quant;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The unsigned b-bit activation grid after layer {@code layer}: values clipped to [0, max] and rounded
 * to multiples of max / (2^b − 1). {@link QuantizedRelu} applies it in training; a deployed model's
 * stock network has a plain ReLU there and its predict applies it after the layer — clip(relu(z), 0,
 * max) on the grid equals the clipped ReLU on the grid, op for op, so both give the same floats.
 */
public record ActivationQuantizer(int layer, int bits, double max) {
    public ActivationQuantizer {
        if (bits < 1 || bits > 16) throw new IllegalArgumentException("activation bits must be 1..16, got " + bits);
        if (!(max > 0)) throw new IllegalArgumentException("the clip must be positive, got " + max);
    }

    /** {@code in} on the grid, in place. */
    public INDArray apply(INDArray in) { return onGrid(in, bits, max); }

    /** The one implementation of the grid; ND4J's round is half away from zero (handoff-formats.md §2). */
    static INDArray onGrid(INDArray in, int bits, double max) {
        double step = max / ((1 << bits) - 1);
        Transforms.max(in, 0.0, false);
        Transforms.min(in, max, false);
        in.divi(step);
        Transforms.round(in, false);
        return in.muli(step);
    }
}
