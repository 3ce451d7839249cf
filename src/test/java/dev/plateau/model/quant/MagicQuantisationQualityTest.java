package dev.plateau.model.quant;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.data.CsvDatasetReader;
import dev.plateau.data.PreparedData;
import dev.plateau.space.Task;
import dev.plateau.data.TaskMetric;
import dev.plateau.model.Architecture;
import dev.plateau.model.NetworkFactory;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.Family;
import dev.plateau.train.Predictions;
import dev.plateau.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/**
 * Quantisation-aware training keeps MAGIC gamma accuracy: 8 bits within 1 point of float, 4 bits
 * within 3, 2 bits (ternary weights, 3-level activations) clearly above the 64.8 % majority class.
 * Weights and activations at the same width; per-channel max-abs scales; ReLU clipped at 4.
 */
class MagicQuantisationQualityTest {
    static final PreparedData MAGIC = PreparedData.split(new CsvDatasetReader(Path.of("../shared/datasets/magic-gamma/magic04_with_header.csv"),
            List.of(), List.of("class"), Task.CLASSIFICATION, false).read(), 0.2, 0.2, 7, TaskMetric.ACCURACY);

    static double testAccuracy(int bits) {
        CandidateSpec spec = new CandidateSpec(Family.MLP, List.of(), List.of(64, 32), Activation.RELU, 3e-3, 128, 15, bits, bits, true);
        Architecture arch = Architecture.of(spec, 10, null, 2);
        MultiLayerNetwork net = NetworkFactory.build(spec, arch, Task.CLASSIFICATION, 13);
        Trainer.train(net, MAGIC, spec.batchSize(), spec.epochs(), 17);
        double[] out = Predictions.of(net, MAGIC.test());
        return TaskMetric.ACCURACY.compute(out, MAGIC.test().targets(), MAGIC.test().rows());
    }

    @Test
    void quantisedAccuracyStaysNearFloat() {
        double f = testAccuracy(32), a8 = testAccuracy(8), a4 = testAccuracy(4), a2 = testAccuracy(2);
        String all = String.format(java.util.Locale.ROOT, "float %.4f, 8-bit %.4f, 4-bit %.4f, 2-bit %.4f", f, a8, a4, a2);
        System.out.println("MAGIC test accuracy: " + all);
        assertTrue(a8 >= f - 0.01, all);
        assertTrue(a4 >= f - 0.03, all);
        assertTrue(a2 >= 0.70, "clearly above the 0.648 majority class: " + all);
    }
}
