package dev.plateau.landscape;

import dev.plateau.data.Dataset;
import dev.plateau.space.Task;
import dev.plateau.model.KernelNoise;
import dev.plateau.model.ParamBlock;
import dev.plateau.train.Batches;
import dev.plateau.train.TaskLoss;
import java.util.List;
import java.util.function.ToDoubleBiFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The loss of a trained network on a fixed evaluation set as a function of its flat weight vector, on
 * a copy of the network (the trained one is never touched), in double precision by default — the
 * finite-difference Hessian needs it (dl4j-notes.md §3). Forward-only probes may use float32: their
 * loss differences are orders of magnitude above float rounding, and float convolutions are faster. Counts every
 * sample pushed through a forward pass and through a backward pass, so each proxy can report its cost.
 *
 * <p>Scales: {@link #loss} is the mean task loss ({@link TaskLoss}); {@link #gradient} is its
 * gradient. DL4J's flat gradient is the <em>sum</em> over the minibatch while its score is the mean
 * (dl4j-notes.md §3), so it is divided by the sample count here.
 *
 * @implNote not thread-safe: one surface per thread.
 */
public final class LossSurface {
    private final MultiLayerNetwork net;
    private final Dataset data;
    private final INDArray features, labels;
    /** Rows grouped by equal event weight (weight, 0/1 labels mask), or null: gradients are plain means. */
    private final double[] groupWeights;
    private final List<INDArray> groupMasks;
    private final INDArray gradientFeatures, gradientLabels;
    private final double weightSum;
    /** Distinct weights up to which gradients are exact sums over groups; beyond, a weighted resample stands in. */
    static final int MAX_WEIGHT_GROUPS = 32;
    private final INDArray w0;
    private final List<ParamBlock> blocks;
    private final ToDoubleBiFunction<double[], Dataset> metric;
    private long forwardSamples, gradientSamples;

    /**
     * @param metric the task's figure of merit as "lower is better" from outputs and the evaluation set
     *               (e.g. relative energy error, or 1 − accuracy); null when only the loss is wanted
     */
    public LossSurface(MultiLayerNetwork trained, Dataset eval, ToDoubleBiFunction<double[], Dataset> metric) {
        this(trained, eval, metric, DataType.DOUBLE);
    }

    /** @param precision DOUBLE, or FLOAT for forward-only probes */
    public LossSurface(MultiLayerNetwork trained, Dataset eval, ToDoubleBiFunction<double[], Dataset> metric, DataType precision) {
        MultiLayerNetwork copy = trained.convertDataType(precision);
        // convertDataType returns the network itself when the precision is unchanged: never perturb that one
        this.net = copy == trained ? trained.clone() : copy;
        this.data = eval;
        this.metric = metric;
        this.features = Batches.features(eval, 0, eval.rows(), precision);
        int outputs = eval.task() == Task.CLASSIFICATION ? eval.classLabels().size() : eval.targetCount();
        this.labels = Batches.labels(eval, 0, eval.rows(), outputs, precision);
        java.util.TreeMap<Double, double[]> groups = new java.util.TreeMap<>();
        if (eval.weights() != null)
            for (int r = 0; r < eval.rows(); r++) groups.computeIfAbsent(eval.weight(r), w -> new double[eval.rows()])[r] = 1;
        groups.remove(0.0);
        Dataset gradientRows = eval;
        if (eval.weights() != null && groups.size() <= MAX_WEIGHT_GROUPS) {
            this.groupWeights = groups.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            this.groupMasks = groups.values().stream().map(m -> Nd4j.createFromArray(m).reshape(m.length, 1).castTo(precision)).toList();
            this.weightSum = java.util.Arrays.stream(eval.weights()).sum();
        } else {
            this.groupWeights = null;
            this.groupMasks = null;
            // many distinct weights: gradients of a weighted resample (fixed rows), an unbiased stand-in for the weighted mean
            if (eval.weights() != null) gradientRows = dev.plateau.data.EventWeights.resample(eval, eval.rows(), eval.rows());
            this.weightSum = gradientRows.rows();
        }
        this.gradientFeatures = gradientRows == eval ? features : Batches.features(gradientRows, 0, gradientRows.rows(), precision);
        this.gradientLabels = gradientRows == eval ? labels : Batches.labels(gradientRows, 0, gradientRows.rows(), outputs, precision);
        // the flat weights stay double whatever the network's precision: perturbations are built in double
        this.w0 = net.params().castTo(DataType.DOUBLE).dup();
        this.blocks = ParamBlock.of(net);
    }

    public LossSurface(MultiLayerNetwork trained, Dataset eval) { this(trained, eval, null); }

    public Dataset data() { return data; }

    public int dimension() { return (int) w0.length(); }

    public List<ParamBlock> blocks() { return blocks; }

    /** The trained weights (a copy). */
    public INDArray weights() { return w0.dup(); }

    public double[] outputs(INDArray w) { return outputs(w, features); }

    /** Outputs for other inputs of the same shape (input-noise probes). */
    public double[] outputs(INDArray w, INDArray inputs) {
        net.setParams(w.castTo(net.params().dataType()));
        forwardSamples += inputs.rows();
        return net.output(inputs, false).ravel().toDoubleVector();
    }

    public INDArray features() { return features.dup(); }

    public double loss(INDArray w) { return lossOf(outputs(w)); }

    public double lossOf(double[] outputs) { return TaskLoss.of(data.task(), outputs, data.targets(), data.rows(), data.weights()); }

    /** The task metric as "lower is better"; NaN when the surface has none. */
    public double metricOf(double[] outputs) { return metric == null ? Double.NaN : metric.applyAsDouble(outputs, data); }

    public boolean hasMetric() { return metric != null; }

    /**
     * ∇ of the mean loss at {@code w}; with event weights Σwᵢ∇Lᵢ / Σwᵢ — exactly, as a sum over groups of
     * equal weight (DL4J's 0/1 labels mask selects a group), or, past {@value #MAX_WEIGHT_GROUPS} distinct
     * weights, as the plain mean over a fixed weighted resample of the rows.
     */
    public INDArray gradient(INDArray w) {
        net.setParams(w.castTo(net.params().dataType()));
        net.setInput(gradientFeatures);
        net.setLabels(gradientLabels);
        gradientSamples += data.rows();
        if (groupWeights == null) {
            net.computeGradientAndScore();
            return net.gradient().gradient().castTo(DataType.DOUBLE).dup().divi(weightSum);
        }
        INDArray sum = null;
        for (int g = 0; g < groupWeights.length; g++) {
            net.setLayerMaskArrays(null, groupMasks.get(g));
            net.computeGradientAndScore();
            INDArray part = net.gradient().gradient().castTo(DataType.DOUBLE).mul(groupWeights[g]);
            sum = sum == null ? part : sum.addi(part);
        }
        net.clearLayerMaskArrays();
        return sum.divi(weightSum);
    }

    /**
     * Hessian-vector product by central differences of gradients, (g(w+rv) − g(w−rv)) / 2r. The step
     * r = 1e-6·(1 + ‖w‖∞)/‖v‖∞ balances truncation (O(r²)) against rounding in double
     * (flatness-proxies.md §1) and keeps r·‖v‖ far below typical pre-activations, so ReLU kinks are
     * rarely crossed.
     */
    public INDArray hvp(INDArray w, INDArray v) {
        double vMax = v.amaxNumber().doubleValue();
        if (vMax == 0) return v.mul(0);
        double r = 1e-6 * (1 + w.amaxNumber().doubleValue()) / vMax;
        INDArray plus = gradient(w.add(v.mul(r)));
        INDArray minus = gradient(w.sub(v.mul(r)));
        return plus.subi(minus).divi(2 * r);
    }

    /**
     * Per-parameter scale of weight noise in a geometry, in flat order: the kernels' scale as full noise
     * testing and noise-injection training apply it ({@link KernelNoise#scale}), 0 for biases and
     * normalisation parameters, which deployed noise does not touch.
     */
    public INDArray scale(dev.plateau.space.NoiseGeometry geometry) {
        double[] s = new double[dimension()];
        double[] w = w0.toDoubleVector();
        for (ParamBlock b : blocks) {
            if (!b.weight()) continue;
            double[] kernel = java.util.Arrays.copyOfRange(w, b.offset(), b.offset() + b.length());
            System.arraycopy(KernelNoise.scale(kernel, geometry), 0, s, b.offset(), b.length());
        }
        return org.nd4j.linalg.factory.Nd4j.createFromArray(s);
    }

    /**
     * The tensor of {@code block} within the flat vector {@code flat}, in DL4J's own layout (dense W is
     * nIn × nOut and lies column-major in the flat vector; conv W is out × in × k × k) — read through
     * the network's parameter view, so the flat layout never has to be assumed.
     */
    public INDArray tensor(ParamBlock block, INDArray flat) {
        net.setParams(flat.castTo(net.params().dataType()));
        return net.getLayer(block.layer()).getParam(block.key()).castTo(DataType.DOUBLE).dup();
    }

    /** A flat vector holding {@code tensors} at their blocks' places and zero elsewhere. */
    public INDArray flat(java.util.Map<ParamBlock, INDArray> tensors) {
        net.setParams(w0.mul(0).castTo(net.params().dataType()));
        tensors.forEach((b, t) -> net.getLayer(b.layer()).getParam(b.key()).assign(t));
        return net.params().castTo(DataType.DOUBLE).dup();
    }

    /** A weight tensor as a matrix with one row per output unit or filter. */
    public double[][] filterMatrix(ParamBlock block, INDArray flat) {
        INDArray t = tensor(block, flat);
        INDArray m = t.rank() == 2 ? t.transpose() : t.reshape('c', t.size(0), t.length() / t.size(0));
        return m.toDoubleMatrix();
    }

    public long forwardSamples() { return forwardSamples; }

    public long gradientSamples() { return gradientSamples; }

    /** Cost of {@code work} as a {@link ProxyValue} named {@code name}. */
    public ProxyValue measured(String name, java.util.function.DoubleSupplier work) {
        long f0 = forwardSamples, g0 = gradientSamples, t0 = System.nanoTime();
        double value = work.getAsDouble();
        return new ProxyValue(name, value, forwardSamples - f0, gradientSamples - g0, (System.nanoTime() - t0) / 1e9);
    }
}
