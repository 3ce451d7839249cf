package dev.plateau.model.fast;

import static dev.plateau.model.fast.OffHeap.UNSAFE;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2×2/2 max-pooling (NCHW, truncating odd edges) in plain loops: the forward pass records each
 * window's winner (0–3) and the backward pass scatters the gradient to it. On ties the first maximum in
 * row-major window order wins. Anything else falls back to the stock layer it extends.
 */
public class FastMaxPoolLayer extends org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer {
    private static final long serialVersionUID = 1L;

    private transient byte[] winners;
    private transient long[] lastInputShape;
    /** Forward and backward passes that took the fast path (the fallback is silent otherwise). */
    transient int fastPasses;

    public FastMaxPoolLayer(NeuralNetConfiguration conf, DataType dataType) { super(conf, dataType); }

    private boolean fastPathApplies() {
        var c = layerConf();
        return OffHeap.supported(dataType) && input != null && input.rank() == 4 && input.dataType() == dataType
                && c.getPoolingType() == PoolingType.MAX && c.getCnn2dDataFormat() != CNN2DFormat.NHWC
                && c.getConvolutionMode() == ConvolutionMode.Truncate && Arrays.equals(c.getKernelSize(), new int[] {2, 2})
                && Arrays.equals(c.getStride(), new int[] {2, 2}) && Arrays.stream(c.getPadding()).allMatch(p -> p == 0)
                && c.getIDropout() == null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        if (!fastPathApplies()) return super.activate(training, mgr);
        INDArray x = OffHeap.contiguousCopy(input);
        int n = (int) x.size(0), c = (int) x.size(1), h = (int) x.size(2), w = (int) x.size(3), oh = h / 2, ow = w / 2;
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {n, c, oh, ow}, 'c');
        int planes = n * c, cells = oh * ow;
        if (winners == null || winners.length < planes * cells) winners = new byte[planes * cells];
        long in = OffHeap.address(x), to = OffHeap.address(out);
        int e = dataType.width();
        if (e == Float.BYTES) poolFloat(in, planes, h, w, oh, ow, to);
        else
            for (int plane = 0; plane < planes; plane++)
                for (int y = 0; y < oh; y++)
                    for (int xo = 0; xo < ow; xo++) {
                        long top = in + (((long) plane * h + 2 * y) * w + 2 * xo) * e, bottom = top + (long) w * e;
                        int cell = plane * cells + y * ow + xo;
                        double a = UNSAFE.getDouble(top), b = UNSAFE.getDouble(top + e), cc = UNSAFE.getDouble(bottom), d = UNSAFE.getDouble(bottom + e);
                        // branch-free winners: a sign bit of (first − second) says the second is strictly larger
                        int upper = (int) (Double.doubleToRawLongBits(a - b) >>> 63), lower = 2 + (int) (Double.doubleToRawLongBits(cc - d) >>> 63);
                        double m1 = Math.max(a, b), m2 = Math.max(cc, d);
                        int second = (int) (Double.doubleToRawLongBits(m1 - m2) >>> 63);
                        winners[cell] = (byte) (upper + second * (lower - upper));
                        UNSAFE.putDouble(to + (long) cell * e, Math.max(m1, m2));
                    }
        lastInputShape = x.shape();
        OffHeap.keep(x, out);
        fastPasses++;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        if (!fastPathApplies() || lastInputShape == null || !Arrays.equals(lastInputShape, input.shape()))
            return super.backpropGradient(epsilon, mgr);
        int n = (int) lastInputShape[0], c = (int) lastInputShape[1], h = (int) lastInputShape[2], w = (int) lastInputShape[3];
        int oh = h / 2, ow = w / 2, planes = n * c, cells = oh * ow, e = dataType.width();
        INDArray eps = OffHeap.contiguousCopy(epsilon.reshape('c', n, c, oh, ow));
        INDArray dx = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, lastInputShape, 'c');
        long from = OffHeap.address(eps), to = OffHeap.address(dx);
        UNSAFE.setMemory(to, (long) n * c * h * w * e, (byte) 0);
        for (int plane = 0; plane < planes; plane++)
            for (int y = 0; y < oh; y++)
                for (int xo = 0; xo < ow; xo++) {
                    int cell = plane * cells + y * ow + xo, win = winners[cell];
                    long at = to + (((long) plane * h + 2 * y + (win >> 1)) * w + 2 * xo + (win & 1)) * e;
                    if (e == Float.BYTES) UNSAFE.putFloat(at, UNSAFE.getFloat(from + (long) cell * e));
                    else UNSAFE.putDouble(at, UNSAFE.getDouble(from + (long) cell * e));
                }
        OffHeap.keep(eps, dx);
        fastPasses++;
        return new Pair<>(new DefaultGradient(), dx);
    }

    /** The float forward pass, one input plane at a time in heap arrays. */
    private void poolFloat(long in, int planes, int h, int w, int oh, int ow, long to) {
        float[] plane = new float[h * w], pooled = new float[oh * ow];
        int cells = oh * ow;
        for (int p = 0; p < planes; p++) {
            UNSAFE.copyMemory(null, in + (long) p * h * w * Float.BYTES, plane, sun.misc.Unsafe.ARRAY_FLOAT_BASE_OFFSET, (long) h * w * Float.BYTES);
            for (int y = 0; y < oh; y++) {
                int top = 2 * y * w, bottom = top + w;
                for (int xo = 0; xo < ow; xo++) {
                    float a = plane[top + 2 * xo], b = plane[top + 2 * xo + 1], c = plane[bottom + 2 * xo], d = plane[bottom + 2 * xo + 1];
                    // branch-free winners: the sign bit of (first − second) says the second is strictly larger
                    int upper = Float.floatToRawIntBits(a - b) >>> 31, lower = 2 + (Float.floatToRawIntBits(c - d) >>> 31);
                    float m1 = Math.max(a, b), m2 = Math.max(c, d);
                    int second = Float.floatToRawIntBits(m1 - m2) >>> 31;
                    winners[p * cells + y * ow + xo] = (byte) (upper + second * (lower - upper));
                    pooled[y * ow + xo] = Math.max(m1, m2);
                }
            }
            UNSAFE.copyMemory(pooled, sun.misc.Unsafe.ARRAY_FLOAT_BASE_OFFSET, null, to + (long) p * cells * Float.BYTES, (long) cells * Float.BYTES);
        }
    }
}
