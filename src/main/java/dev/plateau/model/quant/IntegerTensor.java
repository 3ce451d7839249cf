package dev.plateau.model.quant;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One weight tensor as deployed hardware stores it: b-bit signed integer levels in 'c' order of the
 * DL4J parameter's shape, and the symmetric quantiser's scales — one per output channel (dense W
 * [nIn, nOut]: per column; conv W [out, in, kh, kw]: per leading index) or one for the whole tensor.
 * Element e stands for {@code levels[e] × scale(e)}. Bit flips, fault proxies and the deployed model's
 * export all read this one type.
 *
 * @param layer the layer's index in the network (a layer vertex's name in a graph)
 * @param param the DL4J parameter key, "W" for a kernel
 * @implNote immutable by convention: the arrays are never written after construction
 */
public record IntegerTensor(int layer, String param, long[] shape, int bits, int[] levels, double[] scales) {
    public IntegerTensor {
        long size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (levels.length != size)
            throw new IllegalArgumentException(levels.length + " levels for shape " + Arrays.toString(shape));
        if (scales.length != 1 && scales.length != shape[SymmetricQuantizer.axis(shape.length)])
            throw new IllegalArgumentException(scales.length + " scales for shape " + Arrays.toString(shape));
        if (bits < 2 || bits > 16) throw new IllegalArgumentException("bits must be 2..16, got " + bits);
    }

    /** {@code tensor} quantised by {@code quantizer}: scales from its current range, levels rounded to them. */
    public static IntegerTensor of(int layer, String param, INDArray tensor, SymmetricQuantizer quantizer) {
        double[] scales = quantizer.scales(tensor);
        return new IntegerTensor(layer, param, tensor.shape(), quantizer.bits(), quantizer.levels(tensor, scales), scales);
    }

    public int size() { return levels.length; }

    /** The quantiser scale of element {@code e} (its channel's, or the tensor's). */
    public double scale(int e) {
        return scales[scales.length == 1 ? 0 : SymmetricQuantizer.channelOf(shape, e, levels.length / scales.length)];
    }

    /** The weights these integers stand for, levels × scales, in 'c' order. */
    public double[] values() {
        double[] v = new double[levels.length];
        for (int e = 0; e < v.length; e++) v[e] = levels[e] * scale(e);
        return v;
    }

    /** Element {@code e}'s level with bit {@code position} flipped (0 = most significant, the sign). */
    public int flip(int e, int position) { return flip(levels[e], bits, position); }

    /** How far flipping bit {@code position} of element {@code e}'s level moves its weight. */
    public double flipStep(int e, int position) { return (flip(e, position) - levels[e]) * scale(e); }

    /** {@link #values()} as a float array of the parameter's shape, to assign to the parameter. */
    public org.nd4j.linalg.api.ndarray.INDArray array() {
        return org.nd4j.linalg.factory.Nd4j.createFromArray(values()).reshape('c', shape).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    public int distinctLevels() { return (int) Arrays.stream(levels).distinct().count(); }

    /** The same tensor holding {@code changed} levels (same scales). */
    public IntegerTensor withLevels(int[] changed) { return new IntegerTensor(layer, param, shape, bits, changed, scales); }

    /** Flips bit {@code position} (0 = most significant, the sign) of a b-bit two's-complement level. */
    public static int flip(int level, int bits, int position) {
        int mask = (1 << bits) - 1;
        int code = (level & mask) ^ (1 << (bits - 1 - position));
        return code >= 1 << (bits - 1) ? code - (1 << bits) : code;
    }
}
