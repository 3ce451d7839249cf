package dev.plateau.model.quant;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Symmetric uniform weight quantisation to b bits: integer levels −(2^(b−1)−1) … 2^(b−1)−1 times a
 * scale that maps the largest |w| of each output channel (or of the whole tensor) onto the top level,
 * so no weight clips and 2 bits give the ternary grid {−s, 0, s}. Channel axis: dense W [nIn, nOut]
 * → columns; conv W [out, in, k, k] → dimension 0. Rounding is half to even, as ONNX {@code Round},
 * QONNX {@code ROUND} and hls4ml round; scales are float32 values, as an exported model stores them.
 * With {@code powerOfTwo} each scale is the smallest power of two ≥ max|w| / (2^(b−1) − 1): hls4ml then
 * maps the kernel straight to {@code ap_fixed} with no rescaling step, at the price of up to half the
 * levels going unused.
 */
public record SymmetricQuantizer(int bits, boolean perChannel, boolean powerOfTwo) {
    public SymmetricQuantizer {
        if (bits < 2 || bits > 16) throw new IllegalArgumentException("bits must be 2..16, got " + bits);
    }

    /** Scales max|w| / (2^(b−1) − 1), not restricted to powers of two. */
    public SymmetricQuantizer(int bits, boolean perChannel) { this(bits, perChannel, false); }

    public int maxLevel() { return (1 << (bits - 1)) - 1; }

    /** One scale per channel (or a single one), from the weights' current range. */
    public double[] scales(INDArray w) {
        // from a plain copy: ND4J sub-views (slice, getColumn) of a parameter view can come back empty
        INDArray c = w.dup('c');
        double[] v = c.ravel().toDoubleVector();
        int channels = perChannel ? (int) w.size(axis(w)) : 1;
        long perChannelSize = v.length / channels;
        double[] max = new double[channels];
        for (int i = 0; i < v.length; i++) {
            int ch = channels == 1 ? 0 : channelOf(c, i, perChannelSize);
            max[ch] = Math.max(max[ch], Math.abs(v[i]));
        }
        double[] s = new double[channels];
        // float32 scales: level × scale is then the same number in double and in a float32 runtime (ONNX)
        for (int ch = 0; ch < channels; ch++) {
            double scale = max[ch] > 0 ? max[ch] / maxLevel() : 1.0;
            // the smallest power of two that still maps max|w| inside the levels: no weight clips
            s[ch] = powerOfTwo ? Math.scalb(1.0, Math.getExponent(scale) + (scale == Math.scalb(1.0, Math.getExponent(scale)) ? 0 : 1)) : (float) scale;
        }
        return s;
    }

    /** Integer levels of {@code w} under {@code scales}, in the tensor's own element order ('c' order of its shape). */
    public int[] levels(INDArray w, double[] scales) {
        INDArray q = w.dup('c');
        int[] out = new int[(int) q.length()];
        double[] v = q.ravel().toDoubleVector();
        long perChannelSize = q.length() / scales.length;
        for (int i = 0; i < v.length; i++) {
            int c = scales.length == 1 ? 0 : channelOf(q, i, perChannelSize);
            out[i] = (int) Math.max(-maxLevel(), Math.min(maxLevel(), Math.rint(v[i] / scales[c])));
        }
        return out;
    }

    /** The quantised tensor (levels × scales), same shape and type as {@code w}. */
    public INDArray quantise(INDArray w) {
        double[] scales = scales(w);
        int[] levels = levels(w, scales);
        INDArray c = w.dup('c');
        long perChannelSize = c.length() / scales.length;
        double[] out = new double[levels.length];
        for (int i = 0; i < out.length; i++) out[i] = levels[i] * scales[scales.length == 1 ? 0 : channelOf(c, i, perChannelSize)];
        return org.nd4j.linalg.factory.Nd4j.createFromArray(out).reshape('c', c.shape()).castTo(w.dataType());
    }

    static int axis(INDArray w) { return axis(w.rank()); }

    /** The channel axis of a kernel of rank {@code rank}: a dense kernel's columns, a convolution's leading index. */
    static int axis(int rank) { return rank == 2 ? 1 : 0; }

    /** The channel of flat index i in 'c' order: for [nIn, nOut] the column, for [out, ...] the leading index. */
    private static int channelOf(INDArray w, int i, long perChannelSize) { return channelOf(w.shape(), i, perChannelSize); }

    /** The same from a shape: the one rule for "which scale does element i use" everywhere. */
    public static int channelOf(long[] shape, int i, long perChannelSize) {
        return shape.length == 2 ? (int) (i % shape[1]) : (int) (i / perChannelSize);
    }

    /**
     * A layer's kernel (its "W"), or null for a layer without one (pooling answers with an empty array,
     * batch norm and activation layers would throw).
     */
    public static INDArray kernel(org.deeplearning4j.nn.api.Layer layer) {
        if (!layer.paramTable().containsKey("W")) return null;
        INDArray w = layer.getParam("W");
        return w == null || w.length() == 0 ? null : w;
    }
}
