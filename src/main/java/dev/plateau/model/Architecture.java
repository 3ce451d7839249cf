package dev.plateau.model;

import dev.plateau.data.ImageShape;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.ConvLayerSpec;
import dev.plateau.space.Family;
import java.util.ArrayList;
import java.util.List;

/**
 * The layer sequence a {@link CandidateSpec} stands for on given input and output sizes, with the
 * shape after each layer; both the DL4J configuration ({@link NetworkFactory}) and the cost model
 * ({@link #resources()}) are read from it, so they cannot disagree.
 *
 * <p>Convolutions use valid padding and stride 1; a 2×2/2 max-pool follows each convolution while the
 * map is at least 4 cells wide (the calorimeter study's backbone, racing-study §4). With the energy
 * input, the first dense layer takes one input more: the total energy beside the features.
 */
public record Architecture(List<Step> steps, LayerShape input, int outputs, int weightBits, int activationBits) {

    /** One layer: kind, its input shape, its output shape, kernel size (conv, pool) and whether it has biases. */
    public record Step(Kind kind, LayerShape in, LayerShape out, int kernel, boolean bias) {}

    public enum Kind { CONV, MAX_POOL, DENSE, OUTPUT }

    /**
     * @throws IllegalArgumentException when the spec does not fit the input (e.g. a kernel larger than
     *                                  the feature map), with a message fit for a candidate's failure reason
     */
    public static Architecture of(CandidateSpec spec, int features, ImageShape image, int outputs) {
        List<Step> steps = new ArrayList<>();
        LayerShape shape;
        if (spec.family() == Family.CNN) {
            if (image == null) throw new IllegalArgumentException("a CNN needs image-shaped data");
            shape = new LayerShape(image.channels(), image.height(), image.width());
            for (ConvLayerSpec conv : spec.convLayers()) {
                int k = conv.kernel();
                if (k > shape.height() || k > shape.width())
                    throw new IllegalArgumentException("kernel " + k + "x" + k + " does not fit the "
                            + shape.height() + "x" + shape.width() + " feature map");
                LayerShape out = new LayerShape(conv.filters(), shape.height() - k + 1, shape.width() - k + 1);
                steps.add(new Step(Kind.CONV, shape, out, k, spec.convBias()));
                shape = out;
                if (shape.height() >= 4 && shape.width() >= 4) {
                    LayerShape pooled = new LayerShape(shape.channels(), shape.height() / 2, shape.width() / 2);
                    steps.add(new Step(Kind.MAX_POOL, shape, pooled, 2, false));
                    shape = pooled;
                }
            }
        } else shape = LayerShape.vector(features);
        int sideInputs = spec.energyInput() ? 1 : 0;
        LayerShape input = steps.isEmpty() ? LayerShape.vector(features + sideInputs) : steps.get(0).in();
        int flat = shape.size() + sideInputs;
        for (int width : spec.denseWidths()) {
            LayerShape out = LayerShape.vector(width);
            steps.add(new Step(Kind.DENSE, LayerShape.vector(flat), out, 0, true));
            flat = width;
        }
        steps.add(new Step(Kind.OUTPUT, LayerShape.vector(flat), LayerShape.vector(outputs), 0, true));
        return new Architecture(List.copyOf(steps), input, outputs, spec.weightBits(), spec.activationBits());
    }

    /** The same layers, every convolution with biases (where batch norm is folded in, its shift becomes one). */
    static Architecture withBiases(Architecture a) {
        List<Step> steps = a.steps().stream()
                .map(s -> s.kind() == Kind.CONV ? new Step(s.kind(), s.in(), s.out(), s.kernel(), true) : s).toList();
        return new Architecture(steps, a.input(), a.outputs(), a.weightBits(), a.activationBits());
    }

    /**
     * Parameters (weights and biases) and MACs per sample; pooling costs comparisons, not MACs. Batch
     * normalisation costs nothing here: it is folded into the layer before it for deployment.
     */
    public Resources resources() {
        long params = 0, macs = 0;
        for (Step s : steps) {
            switch (s.kind()) {
                case CONV -> {
                    long weights = (long) s.kernel() * s.kernel() * s.in().channels() * s.out().channels();
                    params += weights + (s.bias() ? s.out().channels() : 0);
                    macs += weights * s.out().height() * s.out().width();
                }
                case DENSE, OUTPUT -> {
                    long weights = (long) s.in().size() * s.out().size();
                    params += weights + s.out().size();
                    macs += weights;
                }
                case MAX_POOL -> { }
            }
        }
        return new Resources(params, macs, weightBits, activationBits);
    }
}
