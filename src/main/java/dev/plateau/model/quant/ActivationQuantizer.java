package dev.plateau.model.quant;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Rint;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The unsigned b-bit activation grid after layer {@code layer}: values clipped to [0, max] and rounded
 * to multiples of max / (2^b − 1), half to even. {@link QuantizedRelu} applies it in training; a deployed model's
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

    /** The grid's step: max / (2^b − 1), a float32 value as the exported model's scale. */
    public double step() { return (float) (max / levels()); }

    /** The top integer level, 2^b − 1. */
    public int levels() { return (1 << bits) - 1; }

    /**
     * The one implementation of the grid, op for op the QONNX {@code Quant(signed=0)} after a ReLU:
     * divide by the step, round half to even ({@code rint}; ND4J's {@code round} is half away from zero,
     * handoff-formats.md §2), clip to the levels, multiply by the step.
     */
    static INDArray onGrid(INDArray in, int bits, double max) {
        ActivationQuantizer grid = new ActivationQuantizer(0, bits, max);
        double step = grid.step();
        in.divi(step);
        Nd4j.getExecutioner().exec(new Rint(in, in));
        Transforms.max(in, 0.0, false);
        Transforms.min(in, grid.levels(), false);
        return in.muli(step);
    }
}
