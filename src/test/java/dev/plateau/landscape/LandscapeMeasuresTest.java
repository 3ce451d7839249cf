package dev.plateau.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.space.NoiseGeometry;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Closed forms and invariances of the other proxies. */
class LandscapeMeasuresTest {
    @Test
    void powerLawFitRecoversAPlantedExponent() {
        SplittableRandom rng = new SplittableRandom(8);
        for (double alpha : new double[] {2.0, 3.5, 5.0}) {
            double[] x = new double[2000];
            for (int i = 0; i < x.length; i++) x[i] = Math.pow(1 - rng.nextDouble(), -1 / (alpha - 1));  // Pareto, x_min = 1
            assertEquals(alpha, PowerLawFit.fit(x).alpha(), 0.1 * alpha, "alpha " + alpha);
        }
    }

    @Test
    void ckaIsOneForItselfAndInvariantToRotationAndScale() {
        SplittableRandom rng = new SplittableRandom(2);
        int n = 80, d = 3;
        double[][] x = new double[n][d], other = new double[n][d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) {
                x[i][j] = rng.nextGaussian() * (j + 1);
                other[i][j] = rng.nextGaussian();
            }
        double c = Math.cos(0.7), s = Math.sin(0.7);
        double[][] rotated = new double[n][d], scaled = new double[n][d];
        for (int i = 0; i < n; i++) {
            rotated[i][0] = c * x[i][0] - s * x[i][1];
            rotated[i][1] = s * x[i][0] + c * x[i][1];
            rotated[i][2] = -x[i][2];
            for (int j = 0; j < d; j++) scaled[i][j] = 3.7 * x[i][j];
        }
        assertEquals(1.0, InstanceComparison.linearCka(x, x), 1e-12);
        assertEquals(1.0, InstanceComparison.linearCka(x, rotated), 1e-12);
        assertEquals(1.0, InstanceComparison.linearCka(x, scaled), 1e-12);
        assertTrue(InstanceComparison.linearCka(x, other) < 0.3, "unrelated representations");
    }

    @Test
    void oneStepSharpnessEqualsItsQuadraticClosedForm() {
        HessianTest.Linear m = HessianTest.linear(200, new double[] {1, 2, 0.5}, 4);
        LossSurface s = m.surface();
        INDArray w = s.weights();
        double[] g = s.gradient(w).toDoubleVector(), wv = w.toDoubleVector();
        double rho = 0.05, eta = 0.01;
        double[] t = new double[wv.length];
        for (int i = 0; i < t.length; i++) t[i] = i < 3 ? Math.abs(wv[i]) + eta : 1;  // weights, then the bias
        double norm = 0;
        for (int i = 0; i < t.length; i++) norm += t[i] * g[i] * t[i] * g[i];
        norm = Math.sqrt(norm) + 1e-16;
        double[] eps = new double[t.length];
        for (int i = 0; i < t.length; i++) eps[i] = rho * t[i] * t[i] * g[i] / norm;
        // L(w+ε) − L(w) = gᵀε + ½εᵀHε exactly for a quadratic
        double expected = 0;
        for (int i = 0; i < eps.length; i++) {
            expected += g[i] * eps[i];
            for (int j = 0; j < eps.length; j++) expected += 0.5 * eps[i] * m.hessian()[i][j] * eps[j];
        }
        List<ProxyValue> v = new SharpnessProxy(rho, eta, 200).measure(s, MeasureContext.seed(1));
        assertEquals(expected, v.get(0).value(), 1e-9 * Math.max(1, Math.abs(expected)));
        assertEquals("asam_sharpness", v.get(0).name());
        assertEquals(200L, v.get(0).gradientSamples());
    }

    @Test
    void sigmaStarSolvesTheQuadraticNoiseEquation() {
        HessianTest.Linear m = HessianTest.linear(200, new double[] {1, 1, 1}, 6);
        LossSurface s = m.surface();
        int draws = 400;
        double target = 0.5;
        double sigma = new SigmaStarProxy(NoiseGeometry.ISOTROPIC, target, draws, 30, 200).measure(s, MeasureContext.seed(3)).get(0).value();
        // E[L(w + σz)] − L(w) = ½σ²·tr(H_W) for a quadratic and noise on the kernel W only (the bias,
        // last, stays clean), so σ* = sqrt(2·target·L / tr H_W)
        double kernelTrace = m.trace() - m.hessian()[m.hessian().length - 1][m.hessian().length - 1];
        double expected = Math.sqrt(2 * target * s.loss(s.weights()) / kernelTrace);
        assertEquals(expected, sigma, 0.1 * expected);
    }

    @Test
    void barrierAndCkaBetweenInstances() {
        HessianTest.Linear m = HessianTest.linear(100, new double[] {1, 2}, 9);
        assertEquals(0.0, InstanceComparison.linearBarrier(m.net(), m.net(), m.data(), 11), 1e-12);
        assertEquals(1.0, InstanceComparison.outputCka(m.net(), m.net(), m.data()), 1e-12);
        // a different point of a convex loss: the straight path lies below the chord, so no barrier
        var other = m.net().clone();
        other.setParams(other.params().mul(-3).addi(0.5));
        assertTrue(InstanceComparison.linearBarrier(m.net(), other, m.data(), 11) <= 1e-12);
        assertTrue(InstanceComparison.outputCka(m.net(), other, m.data()) <= 1.0 + 1e-12);
    }

    @Test
    void forwardOnlyProbesAgreeInFloatAndDouble() {
        var calo = new dev.plateau.data.CaloShowerGenerator(dev.plateau.data.CaloDetector.shashlik())
                .generate(dev.plateau.space.CaloVariant.A, 600, 3).toDataset(dev.plateau.space.CaloTarget.ENERGY);
        var data = dev.plateau.data.PreparedData.split(calo, 0.3, 0.1, 5, dev.plateau.data.TaskMetric.RELATIVE_RMSE);
        var spec = new dev.plateau.space.CandidateSpec(dev.plateau.space.Family.CNN, List.of(new dev.plateau.space.ConvLayerSpec(4, 3)),
                List.of(16), dev.plateau.space.Activation.RELU, 1e-2, 32, 3);
        var arch = dev.plateau.model.Architecture.of(spec, 225, data.train().imageShape(), 1);
        var net = dev.plateau.model.NetworkFactory.build(spec, arch, data.train().task(), 5);
        dev.plateau.train.Trainer.train(net, data, 32, 3, 7);
        NoiseCurvatureProxy p = new NoiseCurvatureProxy(NoiseGeometry.MULTIPLICATIVE, 0.05, 8, 200);
        double inDouble = p.measure(new LossSurface(net, data.validation()), MeasureContext.seed(3)).get(0).value();
        double inFloat = p.measure(new LossSurface(net, data.validation(), null, org.nd4j.linalg.api.buffer.DataType.FLOAT), MeasureContext.seed(3)).get(0).value();
        assertEquals(inDouble, inFloat, 1e-3 * Math.abs(inDouble), "float rounding is far below the probe's signal");
    }
}
