package dev.plateau.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.data.Dataset;
import dev.plateau.model.quant.IntegerTensor;
import dev.plateau.space.Task;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A linear model with MSE whose 4-bit weights fit the data exactly: the loss is quadratic with zero
 * gradient and Hessian H = (2/n)·X̃ᵀX̃, so the damage of any flip is known in closed form.
 */
class FaultModelProxyTest {
    static final int N = 300, D = 4, BITS = 4;
    static final int[] LEVELS = {7, -4, 2, 1};
    static final double SCALE = 0.1f;  // a float32 value, as the quantiser's scales are
    static float[] x;

    /** The exactly fitted model's surface, with RMSE as its metric. */
    static LossSurface exactFit() {
        SplittableRandom rng = new SplittableRandom(11);
        x = new float[N * D];
        double[] y = new double[N];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rng.nextGaussian() * (1 + i % D));
        for (int i = 0; i < N; i++) {
            y[i] = 0.3;
            for (int j = 0; j < D; j++) y[i] += LEVELS[j] * SCALE * x[i * D + j];
        }
        Dataset data = new Dataset("linear", Task.REGRESSION, List.of("a", "b", "c", "d"), List.of("y"), List.of(), null, N, x, y);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(D).nOut(1).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        double[] w = new double[D + 1];
        for (int j = 0; j < D; j++) w[j] = LEVELS[j] * SCALE;
        w[D] = 0.3;
        net.setParams(Nd4j.createFromArray(w).reshape(1, D + 1));
        return new LossSurface(net, data, (out, d) -> {
            double sum = 0;
            for (int i = 0; i < d.rows(); i++) sum += Math.pow(out[i] - d.targets()[i], 2);
            return Math.sqrt(sum / d.rows());
        });
    }

    /** H over the D weights and the bias (last). */
    static double[][] hessian() {
        double[][] h = new double[D + 1][D + 1];
        for (int i = 0; i < N; i++)
            for (int j = 0; j <= D; j++)
                for (int k = 0; k <= D; k++) h[j][k] += 2.0 / N * (j < D ? x[i * D + j] : 1) * (k < D ? x[i * D + k] : 1);
        return h;
    }

    /** The expected loss rise of one random flip is ½·mean over (weight, bit) of Hᵢᵢ·Δᵢₚ², found by flipping every bit in turn. */
    @Test
    void faultCurvatureEstimatesTheExactExpectedDamageOfRandomFlips() {
        LossSurface s = exactFit();
        double[] w = s.weights().toDoubleVector();
        assertEquals(0, s.loss(s.weights()), 1e-12, "an exact fit: zero loss and gradient");

        double exact = 0;  // mean over (weight, bit) of the loss after that single flip
        double[][] hessian = hessian();
        double[] variance = new double[D];
        for (int j = 0; j < D; j++)
            for (int p = 0; p < BITS; p++) {
                double step = (IntegerTensor.flip(LEVELS[j], BITS, p) - LEVELS[j]) * SCALE;
                var flipped = s.weights();
                flipped.putScalar(j, w[j] + step);
                exact += s.loss(flipped) / (D * BITS);
                variance[j] += step * step / (D * BITS);
            }

        double flips = 5;
        int pairs = 4000;
        FaultCurvatureProxy proxy = new FaultCurvatureProxy(flips, new dev.plateau.model.quant.SymmetricQuantizer(BITS, false), pairs, N);
        double[] sd = proxy.scale(s).toDoubleVector();
        for (int j = 0; j < D; j++) assertEquals(Math.sqrt(flips * variance[j]), sd[j], 1e-12, "second moment of weight " + j);
        assertEquals(0, sd[D], "biases are not flipped");

        ProxyValue v = proxy.measure(s, 3).get(0);
        double frobenius = 0;  // one pair's standard deviation: ½·sqrt(2‖ΣHΣ‖²_F) with Σ = diag(sd)
        for (int j = 0; j < D; j++)
            for (int k = 0; k < D; k++) frobenius += Math.pow(sd[j] * hessian[j][k] * sd[k], 2);
        double standardError = 0.5 * Math.sqrt(2 * frobenius) / Math.sqrt(pairs);
        assertEquals(flips * exact, v.value(), 3 * standardError, "n times the exact one-flip damage, within 3 standard errors");
        assertEquals(flips * exact, v.value(), 0.05 * flips * exact, "and within 5%");
        assertTrue(exact > 0);
    }

    /**
     * The sign bits of the n weights where the exact top eigenvector is largest are flipped; on a
     * quadratic with zero gradient the damage is exactly ½ΔᵀHΔ.
     */
    @Test
    void hessianFaultAimsAtTheTopEigenvectorAndPredictsItsDamage() {
        LossSurface s = exactFit();
        double[][] h = hessian();
        double[] v = new double[D + 1];
        java.util.Arrays.fill(v, 1);
        for (int it = 0; it < 2000; it++) {  // power iteration on the exact matrix
            double[] next = new double[D + 1];
            double norm = 0;
            for (int j = 0; j <= D; j++) {
                for (int k = 0; k <= D; k++) next[j] += h[j][k] * v[k];
                norm += next[j] * next[j];
            }
            for (int j = 0; j <= D; j++) v[j] = next[j] / Math.sqrt(norm);
        }
        Integer[] order = {0, 1, 2, 3};
        double[] top = v;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(top[b]), Math.abs(top[a])));
        for (int flips : new int[] {1, 2}) {
            double[] delta = new double[D + 1];
            for (int r = 0; r < flips; r++) {
                int j = order[r];
                delta[j] = (IntegerTensor.flip(LEVELS[j], BITS, 0) - LEVELS[j]) * SCALE;
            }
            double exact = 0;
            for (int j = 0; j <= D; j++)
                for (int k = 0; k <= D; k++) exact += 0.5 * delta[j] * h[j][k] * delta[k];
            var settings = new HessianProxy.Settings(100, 1e-9, 2, N);
            List<ProxyValue> values = new HessianFaultProxy(flips, new dev.plateau.model.quant.SymmetricQuantizer(BITS, false), settings).measure(s, 5);
            assertEquals(exact, values.get(0).value(), 1e-5 * exact, flips + " flips");
            var flipped = s.weights().addi(Nd4j.createFromArray(delta));
            assertEquals(s.metricOf(s.outputs(flipped)) - s.metricOf(s.outputs(s.weights())), values.get(1).value(), 1e-9);
            assertTrue(values.get(0).gradientSamples() > 0 && values.get(0).forwardSamples() == 2L * N);
        }
    }
}
