package dev.plateau.model.fast;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The image-to-rows preprocessor in front of the first dense layer of a network with side inputs:
 * flattens the feature maps and appends the side inputs {@link ImageInput} took off the network's
 * input in the same forward pass; backwards it drops their gradient.
 *
 * @implNote a MultiLayerNetwork gives a preprocessor nothing but the previous layer's output, so the
 * side inputs travel in a thread-local slot: one forward pass runs on one thread, and the slot is
 * written by the first preprocessor before this one reads (and empties) it.
 */
public class SideInputJoin extends CnnToFeedForwardPreProcessor {
    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<INDArray> HANDED = new ThreadLocal<>();

    private final int sideInputs;

    @JsonCreator
    public SideInputJoin(@JsonProperty("inputHeight") long height, @JsonProperty("inputWidth") long width,
                         @JsonProperty("numChannels") long channels, @JsonProperty("sideInputs") int sideInputs) {
        super(height, width, channels, CNN2DFormat.NCHW);
        this.sideInputs = sideInputs;
    }

    public int getSideInputs() { return sideInputs; }

    static void hand(INDArray sides) { HANDED.set(sides); }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray flat = super.preProcess(input, miniBatchSize, workspaceMgr);
        INDArray sides = HANDED.get();
        HANDED.remove();
        if (sides == null || sides.size(0) != flat.size(0) || sides.size(1) != sideInputs)
            throw new IllegalStateException("no side inputs for this batch: the network's first preprocessor must be an ImageInput with them");
        long features = flat.size(1);
        INDArray joined = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, flat.dataType(), new long[] {flat.size(0), features + sideInputs}, 'c');
        joined.get(NDArrayIndex.all(), NDArrayIndex.interval(0, features)).assign(flat);
        joined.get(NDArrayIndex.all(), NDArrayIndex.interval(features, features + sideInputs)).assign(sides.castTo(flat.dataType()));
        return joined;
    }

    @Override
    public INDArray backprop(INDArray epsilons, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        long features = epsilons.size(1) - sideInputs;
        return super.backprop(epsilons.get(NDArrayIndex.all(), NDArrayIndex.interval(0, features)).dup('c'), miniBatchSize, workspaceMgr);
    }

    @Override
    public SideInputJoin clone() { return new SideInputJoin(getInputHeight(), getInputWidth(), getNumChannels(), sideInputs); }
}
