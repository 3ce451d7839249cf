package dev.plateau.landscape;

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
import dev.plateau.model.quant.IntegerForm;
import dev.plateau.model.quant.IntegerTensor;
import dev.plateau.model.quant.SymmetricQuantizer;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.ConvLayerSpec;
import dev.plateau.space.Family;
import dev.plateau.train.Trainer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fault probe flips the deployed integers: its view of the kernels must be exactly the deployed grid. */
class FaultProxyTest {
    @Test
    void kernelsAreTheDeployedIntegersAtTheirFlatPositions() {
        PreparedData data = PreparedData.split(new CaloShowerGenerator(CaloDetector.shashlik()).generate(CaloVariant.A, 500, 3)
                .toDataset(CaloTarget.ENERGY), 0.3, 0.0, 5, TaskMetric.RELATIVE_RMSE);
        CandidateSpec spec = new CandidateSpec(Family.CNN, List.of(new ConvLayerSpec(4, 3)), List.of(8), Activation.RELU, 1e-2, 32, 2,
                4, 32, true);
        var qat = NetworkFactory.build(spec, Architecture.of(spec, 225, data.train().imageShape(), 1), data.train().task(), 3);
        Trainer.train(qat, data, 32, 2, 5);
        LossSurface s = new LossSurface(IntegerForm.of(qat).dequantised(qat), data.validation().head(64));
        double[] w = s.weights().toDoubleVector();
        FaultProxy probe = new FaultProxy(1, new dev.plateau.model.quant.SymmetricQuantizer(4, true), 8, 64, 1.0);
        List<SurfaceKernel> kernels = SurfaceKernel.of(s, s.weights(), new dev.plateau.model.quant.SymmetricQuantizer(4, true));
        assertEquals(3, kernels.size(), "conv, dense and output kernels");
        for (SurfaceKernel sk : kernels) {
            IntegerTensor k = sk.tensor();
            for (int e = 0; e < k.levels().length; e++) {
                long perChannel = k.levels().length / k.scales().length;
                double scale = k.scales()[SymmetricQuantizer.channelOf(k.shape(), e, perChannel)];
                assertEquals(scale, k.scale(e));
                assertTrue(Math.abs(k.levels()[e]) <= 7, "4-bit levels");
                assertEquals(k.levels()[e] * scale, w[sk.flatIndex()[e]], 1e-6 * Math.max(1, Math.abs(scale * 7)));
            }
        }
        var values = probe.measure(s, 1);
        assertTrue(Double.isFinite(values.get(0).value()) && values.get(0).forwardSamples() == 64L * 9, "clean + 8 draws");
        assertEquals(-8, IntegerTensor.flip(0, 4, 0), "sign flip of 0 at 4 bits");
    }
}
