package dev.plateau.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.data.Baselines;
import dev.plateau.data.CaloDetector;
import dev.plateau.data.CaloShowerGenerator;
import dev.plateau.data.PreparedData;
import dev.plateau.data.TaskMetric;
import dev.plateau.space.Activation;
import dev.plateau.space.CaloTarget;
import dev.plateau.space.CaloVariant;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.Family;
import dev.plateau.space.Regularization;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An untrained energy regressor that reads the energy input starts at the calibrated energy sum: its
 * first validation resolution is the baseline's (within what the scaled random branch and the
 * log-space fit add), where the same network without the start is no better than a constant.
 */
class EnergySumStartTest {
    static PreparedData data, withEnergy;
    static double energySum;

    @BeforeAll
    static void showers() {
        data = PreparedData.split(new CaloShowerGenerator(CaloDetector.shashlik()).generate(CaloVariant.A, 1500, 4)
                .toDataset(CaloTarget.ENERGY), 0.2, 0.2, 3, TaskMetric.RELATIVE_RMSE);
        withEnergy = data.forInstance(0, true, 1);
        energySum = Baselines.of(data, true, null).domain();
    }

    static CandidateSpec spec(Family family, List<Integer> widths, int weightBits, int activationBits, Regularization r) {
        return new CandidateSpec(family, family == Family.CNN ? List.of(new dev.plateau.space.ConvLayerSpec(4, 3)) : List.of(), widths,
                Activation.RELU, 1e-3, 64, 1, weightBits, activationBits, true, r, 0, true, false);
    }

    static double untrained(CandidateSpec spec, boolean start) {
        var train = withEnergy.train();
        MultiLayerNetwork net = NetworkFactory.build(spec, Architecture.of(spec, data.train().featureCount(), data.train().imageShape(), 1),
                train.task(), 7);
        if (start) {
            assertTrue(EnergySumStart.applies(net, withEnergy, spec));
            EnergySumStart.apply(net, withEnergy);
        }
        var val = withEnergy.validation();
        double[] out = net.output(dev.plateau.train.Batches.features(val, 0, val.rows(), org.nd4j.linalg.api.buffer.DataType.FLOAT), false)
                .castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).ravel().toDoubleVector();
        return withEnergy.lowerIsBetter(out, val);
    }

    @Test
    void theFirstPredictionIsTheCalibratedEnergySum() {
        assertTrue(energySum > 0.01 && energySum < 0.06, "baseline " + energySum);
        for (CandidateSpec s : List.of(spec(Family.MLP, List.of(16), 32, 32, Regularization.NONE),
                spec(Family.MLP, List.of(32, 8), 6, 8, Regularization.NONE), spec(Family.CNN, List.of(16), 8, 8, Regularization.NONE))) {
            double started = untrained(s, true), plain = untrained(s, false);
            System.out.printf("%s: energy sum %.4f, untrained with the start %.4f, without %.4f%n", s.canonical(), energySum, started, plain);
            assertEquals(energySum, started, 0.15 * energySum, s.canonical() + ": starts at the baseline");
            assertTrue(plain > 5 * energySum, s.canonical() + ": a random start is far from it: " + plain);
        }
    }

    @Test
    void itLeavesNetworksItCannotCarryTheLineThroughAlone() {
        Regularization batchNorm = new Regularization(0, 0, 0, 0, true, 0, 0, 0, dev.plateau.space.Sharpness.NONE, 0);
        CandidateSpec bn = spec(Family.MLP, List.of(16), 32, 32, batchNorm);
        MultiLayerNetwork net = NetworkFactory.build(bn, Architecture.of(bn, data.train().featureCount(), null, 1), data.train().task(), 7);
        assertFalse(EnergySumStart.applies(net, withEnergy, bn), "batch norm would rescale the line");
        CandidateSpec noEnergy = new CandidateSpec(Family.MLP, List.of(), List.of(16), Activation.RELU, 1e-3, 64, 1);
        assertFalse(EnergySumStart.applies(net, data, noEnergy), "no energy input, no line");
    }
}
