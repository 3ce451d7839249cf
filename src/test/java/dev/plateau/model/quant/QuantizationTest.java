package dev.plateau.model.quant;

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
import dev.plateau.model.Resources;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.ConvLayerSpec;
import dev.plateau.space.Family;
import dev.plateau.train.Batches;
import dev.plateau.train.Trainer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class QuantizationTest {
    static final PreparedData DATA = PreparedData.split(new CaloShowerGenerator(CaloDetector.shashlik())
            .generate(CaloVariant.A, 800, 2).toDataset(CaloTarget.ENERGY), 0.25, 0.0, 3, TaskMetric.RELATIVE_RMSE);

    static MultiLayerNetwork trained(CandidateSpec spec) {
        Architecture arch = Architecture.of(spec, 225, DATA.train().imageShape(), 1);
        MultiLayerNetwork net = NetworkFactory.build(spec, arch, DATA.train().task(), 11);
        Trainer.train(net, DATA, spec.batchSize(), spec.epochs(), 5);
        return net;
    }

    /** Post-training quantisation of every kernel, per channel. */
    static MultiLayerNetwork postTraining(MultiLayerNetwork net, int bits) {
        return IntegerForm.postTraining(net, new SymmetricQuantizer(bits, true)).dequantised(net);
    }

    static final CandidateSpec CNN4 = new CandidateSpec(Family.CNN, List.of(new ConvLayerSpec(4, 3)), List.of(16), Activation.RELU,
            3e-3, 32, 2, 4, 6, true);
    static final CandidateSpec MLP3 = new CandidateSpec(Family.MLP, List.of(), List.of(16, 8), Activation.RELU, 3e-3, 32, 2, 3, 32, false);

    @Test
    void aQatNetworkComputesWhatItsIntegerWeightsCompute() {
        for (CandidateSpec spec : List.of(CNN4, MLP3)) {
            MultiLayerNetwork qat = trained(spec);
            INDArray x = Batches.features(DATA.validation(), 0, 100, DataType.FLOAT);
            INDArray a = qat.output(x), b = IntegerForm.of(qat).dequantised(qat).output(x);
            assertTrue(a.sub(b).amaxNumber().doubleValue() <= 1e-6, spec.canonical() + ": max |diff| " + a.sub(b).amaxNumber());
            for (IntegerTensor t : IntegerForm.of(qat).weights()) {
                assertTrue(t.distinctLevels() <= 1 << spec.weightBits(), t.layer() + "_" + t.param() + " uses " + t.distinctLevels() + " levels");
                int max = (1 << (spec.weightBits() - 1)) - 1;
                for (int level : t.levels()) assertTrue(Math.abs(level) <= max);
            }
            assertEquals(spec.denseWidths().size() + 1 + spec.convLayers().size(), IntegerForm.of(qat).weights().size());
        }
    }

    @Test
    void quantisedActivationsTakeAtMostTwoToTheBLevels() {
        MultiLayerNetwork qat = trained(CNN4);
        INDArray x = Batches.features(DATA.validation(), 0, 100, DataType.FLOAT);
        INDArray hidden = qat.feedForward(x, false).get(qat.getnLayers() - 1);  // the last hidden layer's activations
        long distinct = java.util.Arrays.stream(hidden.ravel().toDoubleVector()).distinct().count();
        assertTrue(distinct <= 1 << CNN4.activationBits(), distinct + " distinct activation values for 6 bits");
    }

    @Test
    void aQatNetworkSavesAndLoadsExactly() throws Exception {
        MultiLayerNetwork qat = trained(MLP3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(qat, bytes, false);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), false);
        INDArray x = Batches.features(DATA.validation(), 0, 50, DataType.FLOAT);
        assertEquals(qat.output(x), back.output(x));
    }

    @Test
    void postTrainingQuantisationRoundsEveryWeightTensor() {
        CandidateSpec floatSpec = new CandidateSpec(Family.MLP, List.of(), List.of(16), Activation.RELU, 3e-3, 32, 2);
        MultiLayerNetwork net = trained(floatSpec);
        for (int bits : new int[] {8, 4, 2}) {
            MultiLayerNetwork ptq = postTraining(net, bits);
            for (var layer : ptq.getLayers()) {
                INDArray w = layer.getParam("W");
                double[] scales = new SymmetricQuantizer(bits, true).scales(w);
                for (int c = 0; c < scales.length; c++) {
                    long levels = java.util.Arrays.stream(w.getColumn(c).toDoubleVector()).distinct().count();
                    assertTrue(levels <= 1 << bits, bits + " bits: " + levels + " levels in a channel");
                }
            }
        }
        INDArray x = Batches.features(DATA.validation(), 0, 100, DataType.FLOAT);
        double err8 = net.output(x).sub(postTraining(net, 8).output(x)).amaxNumber().doubleValue();
        double err2 = net.output(x).sub(postTraining(net, 2).output(x)).amaxNumber().doubleValue();
        assertTrue(err8 < err2, "8 bits disturb less than 2: " + err8 + " vs " + err2);
    }

    @Test
    void weightsAndActivationsRoundHalfToEvenAsOnnxAndHls4mlDo() {
        // scale 1 (largest |w| = 7 at 4 bits): 2.5 → 2, 3.5 → 4, −2.5 → −2, 0.5 → 0
        SymmetricQuantizer q = new SymmetricQuantizer(4, false);
        INDArray w = org.nd4j.linalg.factory.Nd4j.createFromArray(new float[] {2.5f, 3.5f, -2.5f, 0.5f, 7f}).reshape(1, 5);
        double[] scales = q.scales(w);
        assertEquals(1.0, scales[0]);
        assertEquals(List.of(2, 4, -2, 0, 7), java.util.Arrays.stream(q.levels(w, scales)).boxed().toList());
        // activation grid of 2 bits up to 3: step 1; 0.5 → 0, 1.5 → 2, 2.5 → 2, 9 → 3, −1 → 0
        INDArray a = org.nd4j.linalg.factory.Nd4j.createFromArray(new float[] {0.5f, 1.5f, 2.5f, 9f, -1f});
        new ActivationQuantizer(0, 2, 3.0).apply(a);
        assertEquals(List.of(0f, 2f, 2f, 3f, 0f), java.util.Arrays.asList(org.apache.commons.lang3.ArrayUtils.toObject(a.toFloatVector())));
        // scales are float32 values, as an ONNX file stores them
        double s = q.scales(org.nd4j.linalg.factory.Nd4j.createFromArray(new float[] {0.3f}).reshape(1, 1))[0];
        assertEquals(s, (double) (float) s);
    }

    @Test
    void powerOfTwoScalesAreTheSmallestPowerThatClipsNoWeight() {
        SymmetricQuantizer q = new SymmetricQuantizer(4, true, true);  // levels ±7
        INDArray w = org.nd4j.linalg.factory.Nd4j.createFromArray(new float[][] {{0.7f, 7f, 0.1f}, {-0.35f, 1f, 0.1f}});
        double[] scales = q.scales(w);
        // column maxima 0.7, 7, 0.1 → max/7 = 0.1, 1, 0.0142… → 0.125, 1, 0.015625
        assertEquals(List.of(0.125, 1.0, 0.015625), java.util.Arrays.stream(scales).boxed().toList());
        assertEquals(List.of(6, 7, 6, -3, 1, 6), java.util.Arrays.stream(q.levels(w, scales)).boxed().toList());
        // a QAT network trained with them deploys on them
        CandidateSpec pow2 = new CandidateSpec(Family.MLP, List.of(), List.of(8), Activation.RELU, 1e-2, 64, 1, 4, 32, true,
                dev.plateau.space.Regularization.NONE, 0, false, true, true);
        assertTrue(pow2.canonical().contains("|w4a32c2"), pow2.canonical());
        MultiLayerNetwork net = trained(pow2);
        for (IntegerTensor t : IntegerForm.of(net).weights())
            for (double s : t.scales()) assertEquals(s, Math.scalb(1.0, Math.getExponent(s)), "a power of two: " + s);
    }

    @Test
    void hardwareCostCountsBits() {
        Resources r = Architecture.of(CNN4, 225, DATA.train().imageShape(), 1).resources();
        // conv 1->4 3x3 (+4 biases) -> 13x13x4 -> pool 6x6x4 -> dense 144->16 -> 16->1
        long params = (9 * 4 + 4) + (144 * 16 + 16) + (16 + 1), macs = 9L * 4 * 13 * 13 + 144 * 16 + 16;
        assertEquals(params, r.params());
        assertEquals(macs, r.macs());
        assertEquals(params * 4, r.weightBits());
        assertEquals(macs * 4 * 6, r.bops());
        assertEquals(CNN4.configId(), CNN4.configId());
        assertTrue(CNN4.canonical().endsWith("|w4a6c"));
        assertEquals("mlp|conv=|dense=16|act=relu|lr=0.003|batch=32|epochs=2",
                new CandidateSpec(Family.MLP, List.of(), List.of(16), Activation.RELU, 3e-3, 32, 2).canonical(), "float ids unchanged");
    }
}
