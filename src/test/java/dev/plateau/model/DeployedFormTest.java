package dev.plateau.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.space.CaloTarget;
import dev.plateau.data.CaloDetector;
import dev.plateau.data.CaloShowerGenerator;
import dev.plateau.space.CaloVariant;
import dev.plateau.data.PreparedData;
import dev.plateau.data.TaskMetric;
import dev.plateau.model.quant.IntegerForm;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.ConvLayerSpec;
import dev.plateau.space.Family;
import dev.plateau.space.PrecisionSpace;
import dev.plateau.space.Regularization;
import dev.plateau.space.Sharpness;
import dev.plateau.train.Batches;
import dev.plateau.train.Trainer;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The deployed form computes what the trained network computes in inference, without training-only layers. */
class DeployedFormTest {
    static final PreparedData DATA = PreparedData.split(new CaloShowerGenerator(CaloDetector.shashlik())
            .generate(CaloVariant.A, 600, 2).toDataset(CaloTarget.ENERGY), 0.25, 0.0, 3, TaskMetric.RELATIVE_RMSE);

    static CandidateSpec spec(Family family, int weightBits, int activationBits, Regularization r, boolean convBias) {
        return new CandidateSpec(family, family == Family.CNN ? List.of(new ConvLayerSpec(4, 3), new ConvLayerSpec(6, 3)) : List.of(),
                List.of(12, 8), Activation.RELU, 3e-3, 32, 2, weightBits, activationBits, true, r, 0, false, convBias);
    }

    static Regularization bnAndDropout() { return new Regularization(0, 0, 0, 0.2, true, 0, 0, 0, Sharpness.NONE, 0); }

    static double maxDiff(CandidateSpec spec) {
        Architecture arch = Architecture.of(spec, 225, DATA.train().imageShape(), 1);
        MultiLayerNetwork net = NetworkFactory.build(spec, arch, DATA.train().task(), 7);
        Trainer.train(net, DATA, spec.batchSize(), spec.epochs(), 5);
        MultiLayerNetwork deployed = DeployedForm.of(net, spec, arch, DATA.train().task());
        assertEquals(arch.steps().size(), deployed.getnLayers(), "one layer per step: no batch norm, no activation layers");
        assertTrue(deployed.getLayerWiseConfigurations().getConfs().stream().allMatch(c -> c.getLayer().getIDropout() == null));
        INDArray x = Batches.features(DATA.validation(), 0, 100, DataType.FLOAT);
        return net.output(x, false).sub(deployed.output(x, false)).amaxNumber().doubleValue()
                / net.output(x, false).amaxNumber().doubleValue();
    }

    @Test
    void foldedBatchNormComputesTheSameOutputs() {
        assertTrue(maxDiff(spec(Family.CNN, 32, 32, bnAndDropout(), false)) < 1e-5, "CNN without conv biases");
        assertTrue(maxDiff(spec(Family.MLP, 32, 32, bnAndDropout(), true)) < 1e-5, "MLP");
    }

    @Test
    void aQuantisedFoldedNetworkDeploysItsFoldedKernelsAsIntegers() {
        CandidateSpec spec = spec(Family.MLP, 6, 8, bnAndDropout(), true);
        Architecture arch = Architecture.of(spec, 225, DATA.train().imageShape(), 1);
        MultiLayerNetwork net = NetworkFactory.build(spec, arch, DATA.train().task(), 7);
        Trainer.train(net, DATA, spec.batchSize(), spec.epochs(), 5);
        MultiLayerNetwork deployed = DeployedForm.of(net, spec, arch, DATA.train().task());
        var tensors = IntegerForm.of(deployed).weights();
        assertEquals(3, tensors.size(), "two hidden kernels and the output kernel");
        for (var q : tensors)
            assertTrue(java.util.Arrays.stream(q.levels()).distinct().count() <= 1 << 6, "at most 2^6 levels per tensor");
        assertTrue(maxDiff(spec) < 0.2, "re-quantising the folded kernels stays close to the trained network");
    }

    @Test
    void anUnregularizedNetworkIsItsOwnDeployedForm() {
        CandidateSpec spec = spec(Family.MLP, PrecisionSpace.FLOAT, PrecisionSpace.FLOAT, Regularization.NONE, true);
        Architecture arch = Architecture.of(spec, 225, DATA.train().imageShape(), 1);
        MultiLayerNetwork net = NetworkFactory.build(spec, arch, DATA.train().task(), 7);
        assertSame(net, DeployedForm.of(net, spec, arch, DATA.train().task()));
    }
}
