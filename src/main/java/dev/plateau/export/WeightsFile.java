package dev.plateau.export;

import dev.plateau.data.InputSchema;
import dev.plateau.data.OutputDomain;
import dev.plateau.model.DeployedModel;
import dev.plateau.model.StockLayer;
import dev.plateau.model.quant.ActivationQuantizer;
import dev.plateau.model.quant.IntegerTensor;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * {@code weights.json}: the deployed integer form layer by layer, for a hand-written HLS or RTL flow —
 * kernels as signed integer levels with their scales (w = level × scale, scale per output channel or
 * per tensor), biases as floats (they go to wide accumulators), each ReLU's activation quantiser (unsigned
 * levels 0 … 2^b − 1 of step {@code step}), the input standardisation and the output transform.
 *
 * @param layers in the order the network applies them
 */
public record WeightsFile(int format, String rounding, InputSchema input, List<Layer> layers, OutputDomain output) {
    /**
     * One layer. {@code kind}: "conv2d" (NCHW, kernel [out, in, kh, kw], stride 1, no padding),
     * "max_pool" (kernel and stride {@code kernel}), "dense" (kernel [in, out], y = x·W + b).
     *
     * @param reshape       for the first convolution: the input row read as [channels, height, width]; else null
     * @param flatten       whether the feature maps are flattened ('c' order: channel, row, column) before this layer
     * @param joinsTotalEnergy whether the sum of the standardised cells is appended to the flattened maps before this layer
     */
    public record Layer(int index, String kind, long[] reshape, boolean flatten, boolean joinsTotalEnergy, int[] kernel, String activation,
                        Weights weights, float[] bias, ActivationGrid activationQuantizer) {}

    /** A kernel: levels in 'c' order of {@code shape}; {@code scaleAxis} the axis the scales run along (−1: one scale). */
    public record Weights(long[] shape, int bits, boolean signed, boolean narrow, int scaleAxis, double[] scales, int[] levels) {}

    /** An unsigned activation quantiser after a ReLU: y = step · clip(round_half_even(x / step), 0, 2^bits − 1). */
    public record ActivationGrid(int bits, double step, double max) {}

    public static WeightsFile of(DeployedModel model) {
        DeployedModel deployed = model.asDeployed();
        List<Layer> layers = new ArrayList<>();
        for (StockLayer l : deployed.layers()) {
            var pre = l.preprocessor();
            long[] reshape = pre instanceof org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor p
                    ? new long[] {p.getNumChannels(), p.getInputHeight(), p.getInputWidth()} : null;
            boolean flatten = pre instanceof org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
            String kind = l.conf() instanceof ConvolutionLayer ? "conv2d" : l.conf() instanceof SubsamplingLayer ? "max_pool" : "dense";
            int[] kernel = l.conf() instanceof ConvolutionLayer c ? c.getKernelSize() : l.conf() instanceof SubsamplingLayer s ? s.getKernelSize() : null;
            IntegerTensor t = deployed.integers().kernelOf(l.index());
            Weights w = t == null ? null : new Weights(t.shape(), t.bits(), true, true,
                    t.scales().length == 1 ? -1 : t.shape().length == 2 ? 1 : 0, t.scales(), t.levels());
            float[] bias = l.params().containsKey("b") ? OnnxExport.floats(l.params().get("b")) : null;
            ActivationQuantizer q = deployed.integers().activationAfter(l.index());
            String activation = l.conf() instanceof BaseLayer b ? b.getActivationFn().toString().toLowerCase(java.util.Locale.ROOT) : null;
            layers.add(new Layer(l.index(), kind, reshape, flatten, l.joinsSideInputs(), kernel, activation, w, bias,
                    q == null ? null : new ActivationGrid(q.bits(), q.step(), q.max())));
        }
        return new WeightsFile(1, "half to even", deployed.input(), layers, deployed.output());
    }
}
