package dev.plateau.model.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.data.ImageShape;
import dev.plateau.space.Task;
import dev.plateau.model.Architecture;
import dev.plateau.model.NetworkFactory;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.ConvLayerSpec;
import dev.plateau.space.Family;
import dev.plateau.space.PrecisionSpace;
import dev.plateau.space.Regularization;
import dev.plateau.space.Sharpness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast convolution and max-pool layers against DL4J's stock layers on the same parameters (outputs
 * and every gradient), against central finite differences, through training and serialisation.
 */
class FastLayersTest {
    static final ImageShape IMAGE = new ImageShape(1, 15, 15);

    static CandidateSpec spec(Activation act, int weightBits, int activationBits, boolean batchNorm, boolean bias) {
        return new CandidateSpec(Family.CNN, List.of(new ConvLayerSpec(6, 3), new ConvLayerSpec(8, 3)), List.of(10), act, 1e-3, 16, 1,
                weightBits, activationBits, true, batchNorm ? new Regularization(0, 0, 0, 0, true, 0, 0, 0, Sharpness.NONE, 0) : Regularization.NONE,
                0, false, bias);
    }

    static MultiLayerNetwork net(CandidateSpec spec, boolean fast, DataType type) {
        MultiLayerNetwork net = NetworkFactory.build(spec, Architecture.of(spec, 225, IMAGE, 1), Task.REGRESSION, 21, fast);
        return type == DataType.FLOAT ? net : net.convertDataType(type);
    }

    static INDArray inputs(int rows, DataType type, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[rows * 225];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextDouble() < 0.3 ? 0 : rng.nextGaussian();  // zeros make pooling ties
        return Nd4j.createFromArray(v).reshape(rows, 225).castTo(type);
    }

    /** max |a − b| / max |b|. */
    static double relativeError(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue()
                / Math.max(1e-30, b.castTo(DataType.DOUBLE).amaxNumber().doubleValue());
    }

    /** Output and flat gradient of one batch. */
    static INDArray[] outputAndGradient(MultiLayerNetwork net, INDArray x, INDArray y) {
        INDArray out = net.output(x, false).dup();
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        return new INDArray[] {out, net.getFlattenedGradients().dup()};
    }

    @Test
    void fastAndStockLayersComputeTheSameFunctionAndGradient() {
        Object[][] cases = {
                {spec(Activation.RELU, 32, 32, false, true), "relu"},
                {spec(Activation.TANH, 32, 32, false, true), "tanh"},
                {spec(Activation.RELU, 32, 32, false, false), "relu, no conv bias"},
                {spec(Activation.RELU, 32, 32, true, true), "batch norm (identity conv, then BN, then relu)"},
                {spec(Activation.RELU, 4, 6, false, true), "QAT 4-bit weights, 6-bit activations"}};
        for (Object[] c : cases)
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                CandidateSpec spec = (CandidateSpec) c[0];
                MultiLayerNetwork fast = net(spec, true, type), stock = net(spec, false, type);
                assertEquals(stock.params(), fast.params(), "same initial parameters");
                assertTrue(fast.getLayer(0) instanceof FastConvolutionLayer && stock.getLayer(0).getClass() != FastConvolutionLayer.class);
                INDArray x = inputs(37, type, 3), y = Nd4j.rand(type, 37, 1);
                INDArray[] f = outputAndGradient(fast, x, y), s = outputAndGradient(stock, x, y);
                assertEquals(3, ((FastConvolutionLayer) fast.getLayer(0)).fastPasses, "inference, training forward, backward");
                int pool = spec.regularization().batchNorm() ? 3 : 1;
                assertEquals(3, ((FastMaxPoolLayer) fast.getLayer(pool)).fastPasses, "the pool took the fast path");
                double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-12;
                assertTrue(relativeError(f[0], s[0]) < tolerance, c[1] + " " + type + ": output error " + relativeError(f[0], s[0]));
                assertTrue(relativeError(f[1], s[1]) < tolerance, c[1] + " " + type + ": gradient error " + relativeError(f[1], s[1]));
            }
    }

    @Test
    void fastAndStockDenseLayersComputeTheSameFunctionAndGradient() {
        for (Activation act : new Activation[] {Activation.RELU, Activation.TANH})
            for (int bits : new int[] {32, 4})
                for (boolean batchNorm : new boolean[] {false, true})
                    for (var task : dev.plateau.space.Task.values()) {
                        CandidateSpec spec = new CandidateSpec(Family.MLP, List.of(), List.of(12, 7), act, 1e-3, 16, 1, bits, PrecisionSpace.FLOAT, true,
                                batchNorm ? new Regularization(0, 0, 0, 0, true, 0, 0, 0, Sharpness.NONE, 0) : Regularization.NONE, 0, false, true);
                        int outputs = task == dev.plateau.space.Task.CLASSIFICATION ? 3 : 2;
                        MultiLayerNetwork fast = NetworkFactory.build(spec, Architecture.of(spec, 9, null, outputs), task, 4, true);
                        MultiLayerNetwork stock = NetworkFactory.build(spec, Architecture.of(spec, 9, null, outputs), task, 4, false);
                        assertEquals(stock.params(), fast.params());
                        INDArray x = Nd4j.rand(DataType.FLOAT, 33, 9).subi(0.5), y = task == dev.plateau.space.Task.CLASSIFICATION
                                ? Nd4j.eye(3).castTo(DataType.FLOAT).repeat(0, 11) : Nd4j.rand(DataType.FLOAT, 33, 2);
                        INDArray[] f = outputAndGradient(fast, x, y), s = outputAndGradient(stock, x, y);
                        String what = act + " w" + bits + (batchNorm ? " bn " : " ") + task;
                        assertTrue(relativeError(f[0], s[0]) < 1e-5, what + ": output error " + relativeError(f[0], s[0]));
                        assertTrue(relativeError(f[1], s[1]) < 1e-5, what + ": gradient error " + relativeError(f[1], s[1]));
                        assertEquals(3, ((FastDenseLayer) fast.getLayer(0)).fastPasses, what + ": the fast path ran");
                    }
    }

    @Test
    void theInputGradientOfAFastLayerMatchesStock() {
        // the second convolution's input gradient travels through pool and first convolution into dW of layer 0,
        // which the previous test compares; here also the gradient with respect to the network input
        CandidateSpec spec = spec(Activation.TANH, 32, 32, false, true);
        INDArray x = inputs(9, DataType.DOUBLE, 5), y = Nd4j.rand(DataType.DOUBLE, 9, 1);
        MultiLayerNetwork fastNet = net(spec, true, DataType.DOUBLE);
        assertNull(fastNet.calculateGradients(x, y, null, null).getSecond(),
                "a Plateau network's first convolution skips the input gradient: none, not a wrong one");
        ((FastConvolution) fastNet.getLayer(0).conf().getLayer()).setInputGradient(true);
        INDArray fast = fastNet.calculateGradients(x, y, null, null).getSecond();
        INDArray stock = net(spec, false, DataType.DOUBLE).calculateGradients(x, y, null, null).getSecond();
        assertTrue(relativeError(fast, stock) < 1e-12, "input gradient error " + relativeError(fast, stock));
        MultiLayerNetwork floatNet = net(spec, true, DataType.FLOAT);
        ((FastConvolution) floatNet.getLayer(0).conf().getLayer()).setInputGradient(true);
        INDArray fastFloat = floatNet.calculateGradients(x.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT), null, null).getSecond();
        assertTrue(relativeError(fastFloat, stock) < 1e-5, "float input gradient (padded, chunked path) error " + relativeError(fastFloat, stock));
    }

    @Test
    void gradientMatchesFiniteDifferencesInDouble() {
        MultiLayerNetwork net = net(spec(Activation.TANH, 32, 32, false, true), true, DataType.DOUBLE);
        INDArray x = inputs(6, DataType.DOUBLE, 7), y = Nd4j.rand(DataType.DOUBLE, 6, 1);
        INDArray g = outputAndGradient(net, x, y)[1].div(6);  // DL4J's gradient is the batch sum of a mean score
        double worst = dev.plateau.FiniteDifferences.maxRelativeError(net, g, n -> n.score(new DataSet(x, y), false), 7);
        assertTrue(worst < 1e-6, "max relative error against finite differences " + worst);
    }

    @Test
    void aSideInputNetworkMatchesFiniteDifferencesAndSavesAndLoads() throws Exception {
        // the calorimeter study's Model 2 shape: the total energy joins the first dense layer
        CandidateSpec spec = new CandidateSpec(Family.CNN, List.of(new ConvLayerSpec(4, 3)), List.of(6), Activation.TANH, 1e-3, 16, 1,
                32, 32, true, Regularization.NONE, 0, true, true);
        MultiLayerNetwork net = NetworkFactory.build(spec, Architecture.of(spec, 225, IMAGE, 1), Task.REGRESSION, 8).convertDataType(DataType.DOUBLE);
        INDArray x = Nd4j.concat(1, inputs(6, DataType.DOUBLE, 3), Nd4j.rand(DataType.DOUBLE, 6, 1)), y = Nd4j.rand(DataType.DOUBLE, 6, 1);
        INDArray g = outputAndGradient(net, x, y)[1].div(6);
        double worst = dev.plateau.FiniteDifferences.maxRelativeError(net, g, n -> n.score(new DataSet(x, y), false), 5);
        assertTrue(worst < 1e-6, "max relative error against finite differences " + worst);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, false);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), false);
        assertEquals(226, NetworkFactory.inputWidth(back));
        assertArrayEquals(net.output(x).toDoubleVector(), back.output(x).toDoubleVector(), 0);
    }

    @Test
    void trainingOnFastLayersFollowsStockTrainingAndSavesAndLoads() throws Exception {
        CandidateSpec spec = spec(Activation.RELU, 8, PrecisionSpace.FLOAT, false, true);
        MultiLayerNetwork fast = net(spec, true, DataType.FLOAT), stock = net(spec, false, DataType.FLOAT);
        for (int step = 0; step < 20; step++) {
            DataSet d = new DataSet(inputs(32, DataType.FLOAT, 100 + step), Nd4j.rand(DataType.FLOAT, 32, 1));
            fast.fit(d);
            stock.fit(d);
        }
        assertTrue(relativeError(fast.params(), stock.params()) < 1e-4, "20 Adam steps apart by " + relativeError(fast.params(), stock.params()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(fast, bytes, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
        assertTrue(back.getLayer(0) instanceof FastConvolutionLayer && back.getLayer(1) instanceof FastMaxPoolLayer);
        INDArray x = inputs(11, DataType.FLOAT, 9);
        assertArrayEquals(fast.output(x).toFloatVector(), back.output(x).toFloatVector(), 0f);
        assertEquals(fast.getUpdater().getStateViewArray(), back.getUpdater().getStateViewArray());
    }
}
