package dev.plateau.model.fast;

import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The flat-rows-to-image preprocessor in front of a network's first convolution. Two departures from
 * DL4J's own:
 * <ul>
 *   <li>it takes "no gradient" back: the first convolution skips the gradient with respect to the
 *       network's input ({@link FastConvolution#isInputGradient()}), and DL4J passes that gradient
 *       through this preprocessor before discarding it;</li>
 *   <li>with {@code sideInputs} > 0, each row carries that many values after the image cells (the
 *       calorimeter study's total energy, "Model 2"); they skip the convolutions and are handed to
 *       {@link SideInputJoin} in front of the first dense layer.</li>
 * </ul>
 * A network with side inputs returns no input gradient.
 */
public class ImageInput extends FeedForwardToCnnPreProcessor {
    private static final long serialVersionUID = 1L;

    private final int sideInputs;

    @JsonCreator
    public ImageInput(@JsonProperty("inputHeight") long height, @JsonProperty("inputWidth") long width,
                      @JsonProperty("numChannels") long channels, @JsonProperty("sideInputs") int sideInputs) {
        super(height, width, channels);
        this.sideInputs = sideInputs;
    }

    public int getSideInputs() { return sideInputs; }

    /** Values per input row: the image cells and the side inputs. */
    public long rowWidth() { return getInputHeight() * getInputWidth() * getNumChannels() + sideInputs; }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (sideInputs == 0) return super.preProcess(input, miniBatchSize, workspaceMgr);
        long cells = rowWidth() - sideInputs;
        if (input.rank() != 2 || input.size(1) != rowWidth())
            throw new IllegalArgumentException("expected rows of " + rowWidth() + " values (image and side inputs), got " + input.shapeInfoToString());
        SideInputJoin.hand(input.get(NDArrayIndex.all(), NDArrayIndex.interval(cells, rowWidth())));
        return super.preProcess(input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, cells)).dup('c'), miniBatchSize, workspaceMgr);
    }

    @Override
    public INDArray backprop(INDArray epsilons, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return epsilons == null || sideInputs > 0 ? null : super.backprop(epsilons, miniBatchSize, workspaceMgr);
    }

    @Override
    public ImageInput clone() { return new ImageInput(getInputHeight(), getInputWidth(), getNumChannels(), sideInputs); }
}
