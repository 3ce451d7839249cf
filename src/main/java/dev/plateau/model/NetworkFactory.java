package dev.plateau.model;

import dev.plateau.space.Task;
import dev.plateau.space.Activation;
import dev.plateau.model.fast.FastConvolution;
import dev.plateau.model.fast.FastDense;
import dev.plateau.model.fast.FastMaxPool;
import dev.plateau.model.fast.ImageInput;
import dev.plateau.model.fast.SideInputJoin;
import dev.plateau.model.quant.QuantizedRelu;
import dev.plateau.model.quant.QuantizedWeights;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.PrecisionSpace;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Builds the DL4J network of an {@link Architecture}: float32 master weights, Adam, He or Xavier
 * initialisation; with quantised weights the {@link QuantizedWeights} hook, with quantised activations
 * {@link QuantizedRelu} in the hidden layers (the output layer stays linear/softmax). Batch norm sits
 * between a hidden layer and its activation (layer → BN → activation, so quantised activations still
 * feed the next layer); dropout acts on the inputs of dense layers that take hidden activations.
 */
public final class NetworkFactory {
    private NetworkFactory() {}

    /**
     * @param initSeed DL4J weight-initialisation seed; must not be 0 (DL4J does not reproduce seed 0,
     *                 dl4j-notes.md §2)
     */
    public static MultiLayerNetwork build(CandidateSpec spec, Architecture arch, Task task, long initSeed) {
        return build(spec, arch, task, initSeed, true);
    }

    /**
     * @param fastLayers convolutions and max-pools run Plateau's own kernels ({@link FastConvolution},
     *                   {@link FastMaxPool}) rather than DL4J's stock layers; both have the same parameters
     *                   and compute the same function (benchmarks and exactness tests build both)
     */
    public static MultiLayerNetwork build(CandidateSpec spec, Architecture arch, Task task, long initSeed, boolean fastLayers) {
        if (initSeed == 0) throw new IllegalArgumentException("seed 0 is not reproducible in DL4J");
        IActivation act = spec.activationBits() == PrecisionSpace.FLOAT ? dl4j(spec.activation()).getActivationFunction()
                : new QuantizedRelu(spec.activationBits(), QuantizedRelu.DEFAULT_MAX);
        var builder = new NeuralNetConfiguration.Builder()
                .seed(initSeed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(spec.learningRate()))
                .weightInit(isRectifier(spec.activation()) ? WeightInit.RELU : WeightInit.XAVIER)
                // DEVICE caching stops the conv backward pass from recomputing the forward (1.6×, conv-speed.md §4)
                .cacheMode(CacheMode.DEVICE)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        if (spec.weightBits() != PrecisionSpace.FLOAT) builder.weightNoise(new QuantizedWeights(spec.weightBits(), spec.perChannel(), spec.powerOfTwoScales()));
        boolean batchNorm = spec.regularization().batchNorm();
        // DL4J's dropOut takes the probability of keeping a unit
        double keep = 1 - spec.regularization().dropout();
        IActivation hidden = batchNorm ? org.nd4j.linalg.activations.Activation.IDENTITY.getActivationFunction() : act;
        LayerShape in = arch.input();
        boolean image = !arch.steps().isEmpty() && arch.steps().get(0).kind() == Architecture.Kind.CONV;
        var list = builder.list();
        boolean hiddenInput = false;
        int sideInputs = spec.energyInput() ? 1 : 0;
        for (Architecture.Step s : arch.steps()) {
            switch (s.kind()) {
                case CONV -> {
                    var conv = new ConvolutionLayer.Builder(s.kernel(), s.kernel())
                            .stride(1, 1).convolutionMode(ConvolutionMode.Truncate).hasBias(s.bias())
                            .nOut(s.out().channels()).activation(hidden);
                    // the first convolution's input gradient is never read in training (see ImageInput)
                    list.layer(fastLayers ? new FastConvolution(conv, s != arch.steps().get(0)) : conv.build());
                }
                case MAX_POOL -> {
                    var pool = new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                            .kernelSize(2, 2).stride(2, 2).convolutionMode(ConvolutionMode.Truncate);
                    list.layer(fastLayers ? new FastMaxPool(pool) : pool.build());
                }
                case DENSE -> {
                    DenseLayer dense = withDropout(new DenseLayer.Builder().nOut(s.out().size()).activation(hidden), hiddenInput, keep).build();
                    // the first layer's input gradient is never read in training
                    list.layer(fastLayers ? FastDense.of(dense, s != arch.steps().get(0)) : dense);
                }
                case OUTPUT -> list.layer(withDropout(task == Task.CLASSIFICATION
                        ? new OutputLayer.Builder(LossFunction.MCXENT).nOut(arch.outputs())
                                .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).weightInit(WeightInit.XAVIER)
                        : new OutputLayer.Builder(LossFunction.MSE).nOut(arch.outputs())
                                .activation(org.nd4j.linalg.activations.Activation.IDENTITY).weightInit(WeightInit.XAVIER),
                        hiddenInput, keep).build());
            }
            if (batchNorm && (s.kind() == Architecture.Kind.CONV || s.kind() == Architecture.Kind.DENSE)) {
                list.layer(new BatchNormalization.Builder().useLogStd(false).build());
                list.layer(new ActivationLayer.Builder().activation(act).build());
            }
            hiddenInput = true;
        }
        list.setInputType(image ? InputType.convolutionalFlat(in.height(), in.width(), in.channels())
                : InputType.feedForward(in.size()));
        MultiLayerConfiguration conf = list.build();
        if (image && (fastLayers || sideInputs > 0))
            conf.getInputPreProcessors().put(0, new ImageInput(in.height(), in.width(), in.channels(), sideInputs));
        if (image && sideInputs > 0) joinSideInputs(conf, arch, sideInputs);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Hands a CNN's side inputs to its first dense layer: a joining preprocessor there, and one input more. */
    private static void joinSideInputs(MultiLayerConfiguration conf, Architecture arch, int sideInputs) {
        int step = 0;
        while (arch.steps().get(step).kind() != Architecture.Kind.DENSE) step++;
        LayerShape maps = arch.steps().get(step - 1).out();
        int layer = 0;
        while (!(conf.getConf(layer).getLayer() instanceof DenseLayer)) layer++;
        conf.getInputPreProcessors().put(layer, new SideInputJoin(maps.height(), maps.width(), maps.channels(), sideInputs));
        // DL4J's shape inference cannot know of the side inputs
        ((DenseLayer) conf.getConf(layer).getLayer()).setNIn(maps.size() + sideInputs);
    }

    private static <B extends org.deeplearning4j.nn.conf.layers.Layer.Builder<B>> B withDropout(B builder, boolean hiddenInput, double keep) {
        return hiddenInput && keep < 1 ? builder.dropOut(keep) : builder;
    }

    /** How many values an input row of the network holds (features; or image cells and side inputs). */
    public static long inputWidth(MultiLayerNetwork net) {
        if (net.getLayerWiseConfigurations().getInputPreProcess(0) instanceof ImageInput image) return image.rowWidth();
        var first = (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) net.getLayer(0).conf().getLayer();
        return first instanceof ConvolutionLayer c ? -1 : first.getNIn();
    }

    static boolean isRectifier(Activation a) {
        return a == Activation.RELU || a == Activation.LEAKY_RELU || a == Activation.ELU || a == Activation.GELU || a == Activation.SELU;
    }

    static org.nd4j.linalg.activations.Activation dl4j(Activation a) {
        return switch (a) {
            case RELU -> org.nd4j.linalg.activations.Activation.RELU;
            case LEAKY_RELU -> org.nd4j.linalg.activations.Activation.LEAKYRELU;
            case ELU -> org.nd4j.linalg.activations.Activation.ELU;
            case GELU -> org.nd4j.linalg.activations.Activation.GELU;
            case SELU -> org.nd4j.linalg.activations.Activation.SELU;
            case TANH -> org.nd4j.linalg.activations.Activation.TANH;
            case SIGMOID -> org.nd4j.linalg.activations.Activation.SIGMOID;
        };
    }
}
