package dev.plateau.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.space.CaloTarget;
import dev.plateau.data.CaloDetector;
import dev.plateau.data.CaloShowerGenerator;
import dev.plateau.space.CaloVariant;
import dev.plateau.data.PreparedData;
import dev.plateau.data.TaskMetric;
import dev.plateau.model.Architecture;
import dev.plateau.model.NetworkFactory;
import dev.plateau.model.quant.IntegerTensor;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.Family;
import dev.plateau.train.Trainer;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FullNoiseTestingTest {
    static PreparedData data;
    static Deployment deployment;

    @BeforeAll
    static void trainOne() {
        data = PreparedData.split(new CaloShowerGenerator(CaloDetector.shashlik()).generate(CaloVariant.A, 1000, 4)
                .toDataset(CaloTarget.ENERGY), 0.2, 0.2, 3, TaskMetric.RELATIVE_RMSE);
        CandidateSpec spec = new CandidateSpec(Family.MLP, List.of(), List.of(16, 8), Activation.RELU, 1e-2, 32, 8);
        MultiLayerNetwork net = NetworkFactory.build(spec, Architecture.of(spec, 225, null, 1), data.train().task(), 3);
        Trainer.train(net, data, 32, 8, 5);
        double[][] range = data.featureRange();
        deployment = new Deployment(net, data.test(), range[0], range[1], data::lowerIsBetter);
    }

    @Test
    void bitFlipsFollowTwosComplement() {
        assertEquals(-5, IntegerTensor.flip(3, 4, 0), "0011 -> 1011");
        assertEquals(-2, IntegerTensor.flip(-1, 4, 3), "1111 -> 1110");
        assertEquals(-128, IntegerTensor.flip(0, 8, 0));
        assertEquals(1, IntegerTensor.flip(0, 8, 7));
        assertEquals(3, IntegerTensor.flip(IntegerTensor.flip(3, 4, 2), 4, 2), "a flip undoes itself");
    }

    @Test
    void noDisturbanceMeansNoDegradation() {
        double clean = deployment.clean();
        assertEquals(clean, InputNoise.gaussian().metricUnder(deployment, 0, new SplittableRandom(1)), 1e-9);
        assertEquals(clean, WeightNoise.multiplicative().metricUnder(deployment, 0, new SplittableRandom(1)), 1e-9);
        assertEquals(clean, new BitFlips(BitFlips.Strategy.RANDOM).metricUnder(deployment, 0, new SplittableRandom(1)), 1e-9);
    }

    @Test
    void eachFamilyDrawsFromItsOwnNamedStream() {
        List<NoiseFamily> families = List.of(InputNoise.gaussian(), WeightNoise.multiplicative(), new BitFlips(BitFlips.Strategy.RANDOM));
        List<RobustnessTest.Curve> forward = RobustnessTest.run(deployment, families, 3, 11);
        List<RobustnessTest.Curve> backward = RobustnessTest.run(deployment, List.of(families.get(2), families.get(1), families.get(0)), 3, 11);
        List<RobustnessTest.Curve> alone = RobustnessTest.run(deployment, List.of(families.get(1)), 3, 11);
        for (int f = 0; f < 3; f++) assertArrayEquals(forward.get(f).mean(), backward.get(2 - f).mean(), 0.0, forward.get(f).family());
        assertArrayEquals(forward.get(1).mean(), alone.get(0).mean(), 0.0, "other families do not move weight noise's draws");
    }

    @Test
    void curvesAreDeterministicAndDegradeWithSeverity() {
        List<NoiseFamily> families = List.of(InputNoise.gaussian(), WeightNoise.layerRange(), new BitFlips(BitFlips.Strategy.MSB),
                new QuantisationSweep());
        List<RobustnessTest.Curve> a = RobustnessTest.run(deployment, families, 8, 11), b = RobustnessTest.run(deployment, families, 8, 11);
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i).mean(), b.get(i).mean(), a.get(i).family());
        RobustnessTest.Curve input = a.get(0), ptq = a.get(3);
        assertTrue(input.mean()[3] > input.mean()[0], "σ 0.5 hurts more than 0.05: " + java.util.Arrays.toString(input.mean()));
        assertTrue(ptq.mean()[4] >= ptq.mean()[0], "2 bits hurt at least as much as 8: " + java.util.Arrays.toString(ptq.mean()));
        assertEquals(1, ptq.draws(), "deterministic families are drawn once");
        assertTrue(input.score() > 0);
    }

    @Test
    void hessianRankingPutsTheTopScoredWeightFirst() {
        BitFlips hessian = new BitFlips(BitFlips.Strategy.HESSIAN);
        assertEquals(hessian.metricUnder(deployment, 5, new SplittableRandom(1)), hessian.metricUnder(deployment, 5, new SplittableRandom(99)),
                "no randomness");
        // Independently: score every flat weight |λ (v·w) v_k| and map the flat (column-major) dense layout to 'c' order.
        int[] rows = new int[Math.min(256, deployment.test().rows())];
        for (int i = 0; i < rows.length; i++) rows[i] = i;
        var s = new dev.plateau.landscape.LossSurface(deployment.network(), deployment.test().select(rows));
        var top = dev.plateau.landscape.HessianSpectrum.top(s, 1, 100, 1e-6, 1);
        double[] v = top.eigenvectors().get(0).toDoubleVector(), w = s.weights().toDoubleVector();
        double dot = 0;
        for (int k = 0; k < v.length; k++) dot += v[k] * w[k];
        double best = -1;
        int bestTensor = -1, bestElement = -1, tensor = 0;
        for (var b : s.blocks()) {
            if (!b.weight()) continue;
            long nIn = b.shape()[0], nOut = b.shape()[1];
            for (int k = 0; k < b.length(); k++) {
                double score = Math.abs(top.eigenvalues()[0] * dot * v[b.offset() + k]);
                if (score > best) {
                    best = score;
                    bestTensor = tensor;
                    bestElement = (int) ((k % nIn) * nOut + k / nIn);
                }
            }
            tensor++;
        }
        int[] first = hessian.hessianOrder(deployment).get(0);
        assertEquals(bestTensor, first[0]);
        assertEquals(bestElement, first[1]);
    }
}
