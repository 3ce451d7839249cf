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

    static dev.plateau.space.DeploymentSpec declared(String yaml) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readValue(yaml, dev.plateau.space.DeploymentSpec.class);
    }

    @Test
    void theDeclaredDeploymentAloneIsTheFamilyItNames() throws Exception {
        // one disturbance declared: the same draws as that full-testing family at that level, to the last bit
        var noise = (DeclaredDisturbance) DeclaredDisturbance.of(declared("weight_noise: {geometry: layer_range, level: 0.02}")).get(0);
        var flips = (DeclaredDisturbance) DeclaredDisturbance.of(declared("faults: {bit_flips: 3}")).get(0);
        var input = (DeclaredDisturbance) DeclaredDisturbance.of(declared("input_noise: {level: 0.2}")).get(0);
        for (long seed = 1; seed <= 3; seed++) {
            assertEquals(WeightNoise.layerRange().metricUnder(deployment, 0.02, new SplittableRandom(seed)),
                    noise.metricUnder(deployment, 1, new SplittableRandom(seed)), 0.0);
            assertEquals(new BitFlips(BitFlips.Strategy.RANDOM).metricUnder(deployment, 3, new SplittableRandom(seed)),
                    flips.metricUnder(deployment, 1, new SplittableRandom(seed)), 0.0);
            assertEquals(InputNoise.gaussian().metricUnder(deployment, 0.2, new SplittableRandom(seed)),
                    input.metricUnder(deployment, 1, new SplittableRandom(seed)), 0.0);
        }
        assertEquals(List.of("deployed"), DeclaredDisturbance.of(declared("faults: {bit_flips: 3}")).stream().map(NoiseFamily::name).toList());
        assertEquals(List.of(), DeclaredDisturbance.of(dev.plateau.space.DeploymentSpec.none()));
    }

    @Test
    void theWholeDeploymentIsAppliedTogetherAndMeasuredWithItsParts() throws Exception {
        var spec = declared("{weight_noise: {geometry: layer_range, level: 0.05}, faults: {bit_flips: 5}, input_noise: {level: 0.3}}");
        List<NoiseFamily> families = DeclaredDisturbance.of(spec);
        assertEquals(List.of("deployed", "deployed_weight_noise", "deployed_faults", "deployed_input_noise"),
                families.stream().map(NoiseFamily::name).toList());
        List<RobustnessTest.Curve> curves = RobustnessTest.run(deployment, families, 3, 11);
        assertEquals(DeclaredDisturbance.MIN_DRAWS, curves.get(0).draws(), "a deployed family draws at least MIN_DRAWS times");
        double together = curves.get(0).score(), largestPart = 0;
        for (int i = 1; i < 4; i++) {
            assertTrue(curves.get(i).score() > 0, curves.get(i).family() + " degrades: " + curves.get(i).score());
            largestPart = Math.max(largestPart, curves.get(i).score());
        }
        assertTrue(together > largestPart, "all disturbances at once hurt more than any one: " + together + " vs " + largestPart);
        var report = new RobustnessTest.Report(curves.get(0).clean(), curves, 0);
        assertEquals(curves.get(0).clean() + together, report.deployedMetric(), 1e-15);
    }

    @Test
    void aBitErrorRateDrawsAPoissonCountAroundItsExpectation() throws Exception {
        // 2e-4 per bit of this network's parameters at 8 bits: the expected count the fault proxies use
        var rate = (DeclaredDisturbance) DeclaredDisturbance.of(declared("faults: {bit_error_rate: 2.0e-4}")).get(0);
        double expected = 2e-4 * deployment.network().numParams() * 8;
        SplittableRandom rng = new SplittableRandom(5);
        int n = 4000;
        double sum = 0, squares = 0;
        for (int i = 0; i < n; i++) {
            int k = rate.flips(deployment, rng);
            sum += k;
            squares += (double) k * k;
        }
        double mean = sum / n, variance = squares / n - mean * mean;
        assertEquals(expected, mean, 4 * Math.sqrt(expected / n), "mean");
        assertEquals(expected, variance, 0.1 * expected, "a Poisson count: variance = mean");
    }
}
