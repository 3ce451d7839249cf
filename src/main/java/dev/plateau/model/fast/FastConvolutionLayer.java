package dev.plateau.model.fast;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A stride-1, unpadded NCHW convolution computed as im2col into a reused off-heap buffer, one GEMM for
 * the forward pass and two for the backward pass (conv-speed.md §2–3), with bias and ReLU fused into
 * the layout change. The patches of the forward pass are kept for the weight gradient, so the backward
 * pass never recomputes the forward (stock DL4J does unless cached). Any other configuration (padding,
 * stride, dilation, NHWC, dropout on the input) falls back to the stock layer it extends.
 *
 * <p>Weights pass through DL4J's weight-noise hook, so quantisation-aware training works unchanged.
 *
 * @implNote not thread-safe, like every DL4J layer: its scratch buffers belong to one network.
 */
public class FastConvolutionLayer extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
    private static final long serialVersionUID = 1L;

    private transient INDArray colBuffer, zBuffer, preBuffer, dzBuffer, dzPaddedBuffer, dcolBuffer;
    /** The output of the last training forward pass, its pre-activations and shape, for backprop. */
    private transient INDArray lastOutput, lastPre;
    private transient long[] lastInputShape;
    /** Forward and backward passes that took the fast path (the fallback is silent otherwise). */
    transient int fastPasses;
    private transient boolean fusedRelu;

    public FastConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) { super(conf, dataType); }

    private boolean fastPathApplies() {
        var c = layerConf();
        return OffHeap.supported(dataType) && input != null && input.rank() == 4
                && c.getConvolutionMode() == ConvolutionMode.Truncate && c.getCnn2dDataFormat() != CNN2DFormat.NHWC
                && Arrays.stream(c.getStride()).allMatch(s -> s == 1) && Arrays.stream(c.getPadding()).allMatch(p -> p == 0)
                && Arrays.stream(c.getDilation()).allMatch(d -> d == 1) && c.getIDropout() == null && input.dataType() == dataType;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        if (!fastPathApplies()) return super.activate(training, mgr);
        INDArray x = OffHeap.contiguousCopy(input);
        int n = (int) x.size(0), c = (int) x.size(1), h = (int) x.size(2), w = (int) x.size(3);
        int[] k = layerConf().getKernelSize();
        int o = (int) layerConf().getNOut(), oh = h - k[0] + 1, ow = w - k[1] + 1, p = oh * ow, kk = c * k[0] * k[1];
        long np = (long) n * p;
        int e = dataType.width();
        INDArray weights = OffHeap.contiguousCopy(getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training, mgr)).reshape('c', o, kk);

        colBuffer = OffHeap.scratch(colBuffer, dataType, kk * np);
        INDArray col = OffHeap.view(colBuffer, kk, np);
        ConvKernels.im2col(OffHeap.address(x), n, c, h, w, k[0], k[1], OffHeap.address(col), e);
        zBuffer = OffHeap.scratch(zBuffer, dataType, o * np);
        INDArray z = OffHeap.view(zBuffer, o, np);
        Gemm.multiply(weights, false, col, false, z, o, (int) np, kk);

        INDArray biasParam = layerConf().hasBias() ? getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training, mgr) : null;
        long bias = biasParam == null ? 0 : OffHeap.address(biasParam);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {n, o, oh, ow}, 'c');
        fusedRelu = layerConf().getActivationFn().getClass() == ActivationReLU.class
                && ((ActivationReLU) layerConf().getActivationFn()).equals(new ActivationReLU());
        if (fusedRelu) {
            ConvKernels.biasToNchw(OffHeap.address(z), bias, n, o, p, true, OffHeap.address(out), e);
            lastPre = null;
        } else {
            preBuffer = OffHeap.scratch(preBuffer, dataType, o * np);
            INDArray pre = OffHeap.view(preBuffer, n, o, oh, ow);
            ConvKernels.biasToNchw(OffHeap.address(z), bias, n, o, p, false, OffHeap.address(pre), e);
            out.assign(pre);
            layerConf().getActivationFn().getActivation(out, training);
            lastPre = pre;
        }
        lastOutput = training ? out : null;
        lastInputShape = x.shape();
        OffHeap.keep(x, weights, col, z, out, biasParam);
        fastPasses++;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        if (!fastPathApplies() || lastInputShape == null || !Arrays.equals(lastInputShape, input.shape())
                || (fusedRelu && lastOutput == null))
            return super.backpropGradient(epsilon, mgr);
        assertInputSet(true);
        int n = (int) lastInputShape[0], c = (int) lastInputShape[1], h = (int) lastInputShape[2], w = (int) lastInputShape[3];
        int[] k = layerConf().getKernelSize();
        int o = (int) layerConf().getNOut(), oh = h - k[0] + 1, ow = w - k[1] + 1, p = oh * ow, kk = c * k[0] * k[1];
        long np = (long) n * p;
        int e = dataType.width();
        INDArray eps = OffHeap.contiguousCopy(epsilon.reshape('c', n, o, oh, ow));
        INDArray dLdz = fusedRelu ? eps : OffHeap.contiguousCopy(layerConf().getActivationFn().backprop(lastPre, eps).getFirst());

        dzBuffer = OffHeap.scratch(dzBuffer, dataType, o * np);
        INDArray dz = OffHeap.view(dzBuffer, o, np);
        double[] db = new double[o];
        long reluOut = fusedRelu ? OffHeap.address(lastOutput) : 0;
        // float: dz also in the padded layout (rows w wide), whose col2im is one vectorised loop per row
        long npPadded = (long) n * oh * w;
        INDArray dzPadded = null;
        if (e == Float.BYTES && ((FastConvolution) layerConf()).isInputGradient()) {
            dzPaddedBuffer = OffHeap.scratch(dzPaddedBuffer, dataType, o * npPadded);
            dzPadded = OffHeap.view(dzPaddedBuffer, o, npPadded);
            ConvKernels.toChannelMajorFloat(OffHeap.address(dLdz), reluOut, n, o, oh, ow, w, OffHeap.address(dz), OffHeap.address(dzPadded), db);
        } else if (e == Float.BYTES) {
            ConvKernels.toChannelMajorFloat(OffHeap.address(dLdz), reluOut, n, o, oh, ow, w, OffHeap.address(dz), 0, db);
        } else ConvKernels.toChannelMajorDouble(OffHeap.address(dLdz), reluOut, n, o, p, OffHeap.address(dz), db);

        INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray col = OffHeap.view(colBuffer, kk, np);
        Gemm.multiply(dz, false, col, true, weightGrad.reshape('c', o, kk), o, kk, (int) np);
        Gradient gradient = new DefaultGradient();
        if (layerConf().hasBias()) {
            INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
            biasGrad.assign(Nd4j.createFromArray(db).reshape(biasGrad.shape()).castTo(dataType));
            gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
        }
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');

        INDArray inputGrad = ((FastConvolution) layerConf()).isInputGradient() ? inputGradient(dz, dzPadded, mgr) : null;
        OffHeap.keep(eps, dLdz, dz, dzPadded, weightGrad, lastOutput);
        lastOutput = null;
        lastPre = null;
        weightNoiseParams.clear();
        fastPasses++;
        return new Pair<>(gradient, inputGrad);
    }

    /** dx = col2im(Wᵀ·dz), float through the padded layout in cache-sized chunks. */
    private INDArray inputGradient(INDArray dz, INDArray dzPadded, LayerWorkspaceMgr mgr) {
        int n = (int) lastInputShape[0], c = (int) lastInputShape[1], h = (int) lastInputShape[2], w = (int) lastInputShape[3];
        int[] k = layerConf().getKernelSize();
        int o = (int) layerConf().getNOut(), oh = h - k[0] + 1, ow = w - k[1] + 1, kk = c * k[0] * k[1];
        long np = (long) n * oh * ow;
        INDArray weights = OffHeap.contiguousCopy(getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, mgr)).reshape('c', o, kk);
        INDArray inputGrad = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, lastInputShape, 'c');
        if (dzPadded != null) {
            dcolBuffer = OffHeap.scratch(dcolBuffer, dataType, (long) kk * ConvKernels.CHUNK * oh * w);
            ConvKernels.inputGradientFloat(OffHeap.address(weights), OffHeap.address(dzPadded), n, c, h, w, k[0], k[1], o,
                    OffHeap.address(dcolBuffer), OffHeap.address(inputGrad));
        } else {
            dcolBuffer = OffHeap.scratch(dcolBuffer, dataType, kk * np);
            INDArray dcol = OffHeap.view(dcolBuffer, kk, np);
            Gemm.multiply(weights, true, dz, false, dcol, kk, (int) np, o);
            ConvKernels.col2imDouble(OffHeap.address(dcol), n, c, h, w, k[0], k[1], OffHeap.address(inputGrad));
        }
        OffHeap.keep(weights, dz, dzPadded, inputGrad);
        return inputGrad;
    }
}
