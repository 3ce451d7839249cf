package dev.plateau.train;

import dev.plateau.model.KernelNoise;
import dev.plateau.model.ParamBlock;
import dev.plateau.model.quant.SymmetricQuantizer;
import dev.plateau.space.NoiseGeometry;
import dev.plateau.space.Regularization;
import dev.plateau.space.Sharpness;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One minibatch update with the regularizers DL4J's {@code fit} cannot express, through the network's
 * own updater (Adam) so the optimiser state is DL4J's:
 * <ol>
 *   <li>weight-noise injection: the kernels are perturbed (the study's deployment geometry) for this
 *       step's gradient and restored before the update;</li>
 *   <li>the objective's gradient: data loss, plus {@link KernelPenalty} (L1, L2, orthogonality) and
 *       {@link JacobianPenalty};</li>
 *   <li>sharpness-aware training: ε from the data loss's gradient at the weights of step 1
 *       ({@link SharpnessAscent}), then the objective's gradient at w + ε is the one applied;</li>
 *   <li>the updater's step, and decoupled weight decay w ← w − η·λ·w on the kernels (AdamW's order).</li>
 * </ol>
 * Every random draw comes from the stream it is given, so a step is a function of the instance's seeds.
 */
public final class TrainingStep {
    private final MultiLayerNetwork net;
    private final Regularization regularization;
    private final double learningRate;
    private final NoiseGeometry noiseGeometry;
    private final SplittableRandom rng;
    private final KernelPenalty kernelPenalty;
    private final JacobianPenalty jacobianPenalty;
    private final java.util.List<ParamBlock> blocks;
    private final INDArray trainable;

    /**
     * @param noiseGeometry how injected weight noise scales per weight (the study's deployment model)
     * @param rng           the instance's own stream for noise and Jacobian projections
     */
    public TrainingStep(MultiLayerNetwork net, Regularization regularization, double learningRate, NoiseGeometry noiseGeometry,
                        SplittableRandom rng) {
        this.net = net;
        this.regularization = regularization;
        this.learningRate = learningRate;
        this.noiseGeometry = noiseGeometry;
        this.rng = rng;
        this.kernelPenalty = new KernelPenalty(regularization.l1(), regularization.l2(), regularization.orthogonality());
        this.jacobianPenalty = new JacobianPenalty(regularization.jacobian(), JacobianPenalty.DEFAULT_STEP);
        this.blocks = ParamBlock.of(net);
        double[] mask = new double[(int) net.numParams()];
        for (ParamBlock b : blocks)
            if (!b.statistic()) java.util.Arrays.fill(mask, b.offset(), b.offset() + b.length(), 1);
        this.trainable = Nd4j.createFromArray(mask).castTo(net.params().dataType());
    }

    /** Trains on {@code batch} once; returns its data loss at the weights the gradient was taken at. */
    public double fit(DataSet batch) {
        INDArray x = batch.getFeatures(), y = batch.getLabels();
        int size = (int) x.rows();
        INDArray params = net.params();
        INDArray start = regularization.weightNoise() > 0 ? params.dup() : null;
        if (start != null) KernelNoise.perturb(net, regularization.weightNoise(), noiseGeometry, rng);
        INDArray projections = regularization.jacobian() > 0 ? JacobianPenalty.projections(x, rng) : null;
        double loss;
        if (regularization.sharpness() == Sharpness.NONE) loss = objectiveGradient(x, y, projections, size);
        else {
            // the ascent follows the data loss alone (as in SAM); the penalties enter the descent gradient at w + ε
            loss = dataGradient(x, y);
            INDArray at = params.dup();
            double[] eps = SharpnessAscent.epsilon(regularization.sharpness(), regularization.rho(), at.toDoubleVector(),
                    net.getFlattenedGradients().toDoubleVector(), blocks);
            params.addi(Nd4j.createFromArray(eps).castTo(params.dataType()));
            objectiveGradient(x, y, projections, size);
            params.assign(at);
        }
        if (start != null) params.assign(start);
        net.getUpdater().update(net, net.gradient(), net.getIterationCount(), net.getEpochCount(), size, LayerWorkspaceMgr.noWorkspaces());
        if (regularization.weightDecay() > 0)
            for (var layer : net.getLayers()) {
                INDArray w = SymmetricQuantizer.kernel(layer);
                if (w != null) w.muli(1 - learningRate * regularization.weightDecay());
            }
        params.subi(net.getFlattenedGradients().reshape(params.shape()));
        net.setIterationCount(net.getIterationCount() + 1);
        return loss;
    }

    /**
     * Leaves ∇(data loss + penalties) in the network's flat gradient, summed over the batch as DL4J's
     * updater expects (it divides by the batch size); returns the data loss.
     */
    private double objectiveGradient(INDArray x, INDArray y, INDArray projections, int size) {
        INDArray jacobian = projections == null ? null : jacobianPenalty.gradient(net, x, projections, size).muli(trainable);
        double loss = dataGradient(x, y);
        if (kernelPenalty.active()) kernelPenalty.addGradient(net, size);
        if (jacobian != null) net.getFlattenedGradients().addi(jacobian);
        return loss;
    }

    private double dataGradient(INDArray x, INDArray y) {
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        return net.score();
    }
}
