package dev.plateau.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.data.ImageShape;
import dev.plateau.space.Task;
import dev.plateau.model.Architecture;
import dev.plateau.model.NetworkFactory;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.ConvLayerSpec;
import dev.plateau.space.Family;
import dev.plateau.space.NoiseGeometry;
import dev.plateau.space.PrecisionSpace;
import dev.plateau.space.Regularization;
import dev.plateau.space.Sharpness;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * One step of {@link TrainingStep} on a linear model y = w·x + b with MSE and plain SGD, against the
 * update computed by hand: L = (1/B)·Σ(w·x + b − t)², ∂L/∂w = (2/B)·Σ r·x, ∂L/∂b = (2/B)·Σ r.
 */
class TrainingStepTest {
    static final double LR = 0.1;
    static final double[][] X = {{1.0, -2.0, 0.5}, {0.3, 0.8, -1.2}, {-0.7, 0.1, 2.0}, {1.5, 1.1, -0.4}};
    static final double[] T = {0.5, -1.0, 2.0, 0.7};
    static final double[] W = {0.4, -0.3, 0.9};
    static final double B = 0.2;

    static MultiLayerNetwork linear() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Sgd(LR)).list()
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(3).nOut(1)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .build());
        net.init();
        net.getLayer(0).getParam("W").assign(Nd4j.createFromArray(W).reshape(3, 1));
        net.getLayer(0).getParam("b").assign(B);
        return net;
    }

    static DataSet batch() {
        return new DataSet(Nd4j.createFromArray(X), Nd4j.createFromArray(T).reshape(4, 1));
    }

    /** (∂L/∂w₀, ∂L/∂w₁, ∂L/∂w₂, ∂L/∂b) at (w, b). */
    static double[] gradient(double[] w, double b) {
        double[] g = new double[4];
        for (int n = 0; n < X.length; n++) {
            double r = b - T[n];
            for (int j = 0; j < 3; j++) r += w[j] * X[n][j];
            for (int j = 0; j < 3; j++) g[j] += 2 * r * X[n][j] / X.length;
            g[3] += 2 * r / X.length;
        }
        return g;
    }

    /** Hand-computed two-pass update w − η·∇L(w + ε) with ε = ρ·T²g/‖Tg‖ for the operator {@code t}. */
    static double[] twoPass(double rho, double[] t) {
        double[] g = gradient(W, B);
        double norm = 0;
        for (int i = 0; i < 4; i++) norm += t[i] * t[i] * g[i] * g[i];
        norm = Math.sqrt(norm);
        double[] eps = new double[4];
        for (int i = 0; i < 4; i++) eps[i] = rho * t[i] * t[i] * g[i] / norm;
        double[] g2 = gradient(new double[] {W[0] + eps[0], W[1] + eps[1], W[2] + eps[2]}, B + eps[3]);
        return new double[] {W[0] - LR * g2[0], W[1] - LR * g2[1], W[2] - LR * g2[2], B - LR * g2[3]};
    }

    static double[] stepWith(Regularization r) {
        MultiLayerNetwork net = linear();
        new TrainingStep(net, r, LR, NoiseGeometry.MULTIPLICATIVE, new SplittableRandom(1)).fit(batch());
        return net.params().toDoubleVector();  // W (3 values), then b
    }

    static Regularization sharpness(Sharpness method, double rho) {
        return new Regularization(0, 0, 0, 0, false, 0, 0, 0, method, rho);
    }

    @Test
    void samStepEqualsTheHandComputedTwoPassUpdate() {
        assertArrayEquals(twoPass(0.05, new double[] {1, 1, 1, 1}), stepWith(sharpness(Sharpness.SAM, 0.05)), 1e-12);
    }

    @Test
    void asamStepScalesTheKernelByItsMagnitudeAndLeavesTheBiasAlone() {
        double eta = SharpnessAscent.ASAM_ETA;
        double[] t = {Math.abs(W[0]) + eta, Math.abs(W[1]) + eta, Math.abs(W[2]) + eta, 1};
        assertArrayEquals(twoPass(0.5, t), stepWith(sharpness(Sharpness.ASAM, 0.5)), 1e-12);
    }

    @Test
    void samsonStepNormalisesByTheLayersLargestWeight() {
        double max = 0.9;
        double[] t = {Math.abs(W[0]) / max, Math.abs(W[1]) / max, Math.abs(W[2]) / max, 1};
        assertArrayEquals(twoPass(0.5, t), stepWith(sharpness(Sharpness.SAMSON, 0.5)), 1e-12);
    }

    @Test
    void l2AndDecoupledWeightDecayTouchTheKernelOnly() {
        double[] g = gradient(W, B);
        double lambda = 0.3;
        double[] expected = new double[4];
        for (int j = 0; j < 3; j++) expected[j] = W[j] - LR * (g[j] + lambda * W[j]);
        expected[3] = B - LR * g[3];
        assertArrayEquals(expected, stepWith(new Regularization(0, lambda, 0, 0, false, 0, 0, 0, Sharpness.NONE, 0)), 1e-12);
        // with SGD, decoupled decay and L2 give the same step; they part ways under Adam
        assertArrayEquals(expected, stepWith(new Regularization(0, 0, lambda, 0, false, 0, 0, 0, Sharpness.NONE, 0)), 1e-12);
        double[] l1 = stepWith(new Regularization(lambda, 0, 0, 0, false, 0, 0, 0, Sharpness.NONE, 0));
        for (int j = 0; j < 3; j++) assertEquals(W[j] - LR * (g[j] + lambda * Math.signum(W[j])), l1[j], 1e-12);
        assertEquals(B - LR * g[3], l1[3], 1e-12);
    }

    @Test
    void injectedNoiseMovesTheGradientNotTheWeights() {
        double sigma = 0.1;
        SplittableRandom rng = new SplittableRandom(1);
        double[] noisy = new double[3];
        for (int j = 0; j < 3; j++) noisy[j] = W[j] * (1 + sigma * rng.nextGaussian());
        double[] g = gradient(noisy, B);
        double[] expected = {W[0] - LR * g[0], W[1] - LR * g[1], W[2] - LR * g[2], B - LR * g[3]};
        assertArrayEquals(expected, stepWith(new Regularization(0, 0, 0, 0, false, sigma, 0, 0, Sharpness.NONE, 0)), 1e-12);
    }

    @Test
    void withNothingSwitchedOnTheStepIsDl4jsOwnFit() {
        // Adam, batch norm and a conv stack: the step must leave parameters, BN statistics and Adam state as fit does
        CandidateSpec spec = new CandidateSpec(Family.CNN, List.of(new ConvLayerSpec(3, 3)), List.of(6), Activation.RELU, 3e-3, 8, 1,
                PrecisionSpace.FLOAT, PrecisionSpace.FLOAT, true, new Regularization(0, 0, 0, 0, true, 0, 0, 0, Sharpness.NONE, 0),
                0, false, true);
        ImageShape image = new ImageShape(1, 6, 6);
        MultiLayerNetwork a = NetworkFactory.build(spec, Architecture.of(spec, 36, image, 1), Task.REGRESSION, 9);
        MultiLayerNetwork b = a.clone();
        TrainingStep step = new TrainingStep(b, Regularization.NONE, 3e-3, NoiseGeometry.MULTIPLICATIVE, new SplittableRandom(1));
        for (int i = 0; i < 4; i++) {
            DataSet d = new DataSet(TinyNets.gaussian(8, 36, i).castTo(DataType.FLOAT), TinyNets.gaussian(8, 1, 10 + i).castTo(DataType.FLOAT));
            a.fit(d);
            step.fit(d);
        }
        assertArrayEquals(a.params().toFloatVector(), b.params().toFloatVector(), 1e-6f);
        assertArrayEquals(a.getUpdater().getStateViewArray().toFloatVector(), b.getUpdater().getStateViewArray().toFloatVector(), 1e-6f);
        assertEquals(a.getIterationCount(), b.getIterationCount());
        assertTrue(a.params().sub(NetworkFactory.build(spec, Architecture.of(spec, 36, image, 1), Task.REGRESSION, 9).params())
                .amaxNumber().doubleValue() > 1e-4, "training moved the weights");
    }
}
