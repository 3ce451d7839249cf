package dev.plateau.model;

import dev.plateau.space.CaloTarget;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.data.CaloDetector;
import dev.plateau.data.CaloShowerGenerator;
import dev.plateau.space.CaloVariant;
import dev.plateau.data.CsvDatasetReader;
import dev.plateau.data.Dataset;
import dev.plateau.data.PreparedData;
import dev.plateau.space.Task;
import dev.plateau.data.TaskMetric;
import dev.plateau.model.fast.FastConvolution;
import dev.plateau.model.fast.ImageInput;
import dev.plateau.model.fast.SideInputJoin;
import dev.plateau.model.quant.ActivationQuantizer;
import dev.plateau.model.quant.IntegerForm;
import dev.plateau.model.quant.IntegerTensor;
import dev.plateau.model.quant.QuantizedRelu;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.ConvLayerSpec;
import dev.plateau.space.Family;
import dev.plateau.space.PrecisionSpace;
import dev.plateau.space.Regularization;
import dev.plateau.space.Sharpness;
import dev.plateau.train.Batches;
import dev.plateau.train.Predictions;
import dev.plateau.train.Trainer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A saved model is the deployed model: stock DL4J classes only, and from raw feature values it predicts
 * what Plateau's own network predicts on the standardised rows, in original units; its integer form
 * reads back exactly and is the stock network's weights.
 */
class DeployedModelTest {
    static final List<TrainedCandidates.Trained> MODELS = TrainedCandidates.MODELS;

    static String entry(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry())
                if (e.getName().equals(name)) return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return null;
    }

    static org.deeplearning4j.nn.api.Layer layer(Model network, int l) {
        return network instanceof ComputationGraph g ? g.getLayer(String.valueOf(l)) : ((MultiLayerNetwork) network).getLayer(l);
    }

    @Test
    void theSavedConfigurationNamesOnlyStockDl4jClasses() throws Exception {
        for (TrainedCandidates.Trained t : MODELS) {
            byte[] zip = t.zip();
            String configuration = entry(zip, "configuration.json");
            assertNotNull(configuration, t.name());
            assertFalse(configuration.contains("dev.plateau"), t.name() + ": " + configuration);
            assertTrue(configuration.contains("org.deeplearning4j.nn.conf.layers.DenseLayer"), t.name());
            assertNotNull(entry(zip, DeployedModel.ENTRY), t.name());
            // and plain DL4J restores it
            Model plain = t.spec().energyInput() ? ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(zip), false)
                    : ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), false);
            assertEquals(t.deployed().numParams(), plain.numParams(), t.name());
        }
        // what the check guards against: the network in Plateau's classes names them
        java.io.ByteArrayOutputStream plateau = new java.io.ByteArrayOutputStream();
        ModelSerializer.writeModel(MODELS.get(2).deployed(), plateau, false);
        assertTrue(entry(plateau.toByteArray(), "configuration.json").contains("dev.plateau"));
    }

    @Test
    void aZipWithoutTheEntryIsRefusedAsAUserError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path old = dir.resolve("written-before.zip");  // what a search saved before: the network in Plateau's classes alone
        ModelSerializer.writeModel(MODELS.get(0).deployed(), old.toFile(), false);
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.plateau.InputException.class, () -> DeployedModel.read(old));
        assertTrue(e.getMessage().contains(DeployedModel.ENTRY), e.getMessage());
    }

    /** A program that knows DL4J and nothing of Plateau; run with Plateau's classes off the class path. */
    static final String PLAIN_DL4J = """
            import org.deeplearning4j.nn.api.Model;
            import org.deeplearning4j.nn.graph.ComputationGraph;
            import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
            import org.deeplearning4j.util.ModelSerializer;
            import org.nd4j.linalg.factory.Nd4j;

            public class PlainDl4j {
                public static void main(String[] args) throws Exception {
                    try {
                        Class.forName("dev.plateau.model.DeployedModel");
                        System.out.println("plateau on the class path");
                    } catch (ClassNotFoundException expected) {}
                    for (String zip : args) {  // named <n>-<input width>-<graph|chain>.zip
                        java.io.File file = new java.io.File(zip);
                        boolean graph = zip.endsWith("graph.zip");
                        int width = Integer.parseInt(file.getName().split("-")[1]);
                        Model m = graph ? ModelSerializer.restoreComputationGraph(file, false) : ModelSerializer.restoreMultiLayerNetwork(file, false);
                        var out = graph ? ((ComputationGraph) m).outputSingle(Nd4j.valueArrayOf(new long[] {2, 225}, 0.1f), Nd4j.valueArrayOf(new long[] {2, 1}, 2f))
                                : ((MultiLayerNetwork) m).output(Nd4j.valueArrayOf(new long[] {2, width}, 0.1f));
                        System.out.println("output " + zip + " " + out.getDouble(0, 0));
                    }
                }
            }
            """;

    @Test
    void plainDl4jRestoresAndRunsTheSavedNetworksWithNoPlateauClass(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path source = dir.resolve("PlainDl4j.java");
        Files.writeString(source, PLAIN_DL4J);
        List<String> zips = new ArrayList<>();
        List<Double> expected = new ArrayList<>();
        for (int i = 0; i < MODELS.size(); i++) {
            TrainedCandidates.Trained t = MODELS.get(i);
            DeployedModel model = DeployedModel.read(t.zip());
            int width = model.input().networkWidth();
            Path zip = dir.resolve(i + "-" + width + (t.spec().energyInput() ? "-graph.zip" : "-chain.zip"));
            Files.write(zip, t.zip());
            zips.add(zip.toString());
            Model stock = model.network();
            INDArray out = stock instanceof ComputationGraph g
                    ? g.outputSingle(org.nd4j.linalg.factory.Nd4j.valueArrayOf(new long[] {2, 225}, 0.1f), org.nd4j.linalg.factory.Nd4j.valueArrayOf(new long[] {2, 1}, 2f))
                    : ((MultiLayerNetwork) stock).output(org.nd4j.linalg.factory.Nd4j.valueArrayOf(new long[] {2, width}, 0.1f));
            expected.add(out.getDouble(0, 0));
        }
        String printed = dev.plateau.PlainDl4jProgram.run(source, zips);
        assertFalse(printed.contains("plateau on the class path"), printed);
        for (int i = 0; i < MODELS.size(); i++) {
            String line = printed.lines().filter(l -> l.startsWith("output ")).toList().get(i);
            assertEquals(expected.get(i), Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), 1e-6 * Math.abs(expected.get(i)),
                    MODELS.get(i).name() + ": " + printed);
        }
    }

    @Test
    void aSavedModelPredictsFromRawRowsWhatPlateausNetworkGives() throws Exception {
        for (TrainedCandidates.Trained t : MODELS) {
            DeployedModel model = DeployedModel.read(t.zip());
            double[][] predicted = model.predict(t.study().rawValidation());
            double[] expected = t.expected();
            int width = model.output().width();
            assertEquals(t.study().rawValidation().length, predicted.length, t.name());
            double worst = 0;
            for (int r = 0; r < predicted.length; r++)
                for (int k = 0; k < width; k++) {
                    double e = expected[r * width + k], p = predicted[r][k];
                    worst = Math.max(worst, Math.abs(p - e) / Math.max(Math.abs(e), 1e-30));
                    assertEquals(e, p, 1e-5 * Math.abs(e), t.name() + ": row " + r + ", output " + k);
                }
            System.out.println(t.name() + ": largest relative difference " + worst);
        }
        TrainedCandidates.Trained classifier = MODELS.get(0), lnEnergy = MODELS.get(2);
        assertEquals(List.of("g", "h"), DeployedModel.read(classifier.zip()).output().classLabels());
        DeployedModel calo = DeployedModel.read(lnEnergy.zip());
        assertTrue(calo.output().logTarget());
        assertEquals(List.of("GeV"), calo.output().units());
        assertTrue(calo.predict(lnEnergy.study().rawValidation())[0][0] > 1, "energies in GeV, not ln E or standardised");
    }

    @Test
    void theIntegerFormReadsBackAndIsTheStockNetworksWeights() throws Exception {
        for (TrainedCandidates.Trained t : MODELS) {
            DeployedModel model = DeployedModel.read(t.zip());
            IntegerForm integers = model.integers(), made = IntegerForm.of(t.deployed());
            assertEquals(!t.quantised(), integers.postTraining(), t.name());
            assertEquals(made.weights().size(), integers.weights().size(), t.name());
            for (int i = 0; i < integers.weights().size(); i++) {
                IntegerTensor back = integers.weights().get(i), original = made.weights().get(i);
                assertEquals(original.layer(), back.layer());
                assertArrayEquals(original.shape(), back.shape());
                assertArrayEquals(original.levels(), back.levels(), t.name());
                assertArrayEquals(original.scales(), back.scales(), t.name());
                int bits = t.quantised() ? t.spec().weightBits() : IntegerForm.FLOAT_DEPLOYMENT_BITS;
                assertEquals(bits, back.bits());
                assertTrue(back.distinctLevels() <= (1 << bits) - 1, t.name() + ": symmetric levels");
                double[] values = back.values();
                float[] stock = layer(model.network(), back.layer()).getParam("W").dup('c').ravel().toFloatVector();
                for (int e = 0; e < values.length; e++) {
                    if (t.quantised()) assertEquals((float) values[e], stock[e], 0f, t.name() + ": levels × scales are the stock weights");
                    else assertEquals(values[e], stock[e], back.scale(e) / 2 * (1 + 1e-6), t.name() + ": within half a step of the float weight");
                }
            }
            List<ActivationQuantizer> grids = integers.activations();
            assertEquals(made.activations(), grids, t.name());
            if (t.spec().activationBits() != PrecisionSpace.FLOAT) {
                assertEquals(t.spec().denseWidths().size() + t.spec().convLayers().size(), grids.size(), t.name() + ": every hidden layer");
                for (ActivationQuantizer a : grids) {
                    assertEquals(t.spec().activationBits(), a.bits());
                    assertEquals(QuantizedRelu.DEFAULT_MAX, a.max());
                }
            } else assertTrue(grids.isEmpty());
        }
    }

    /** Verify, validate and landscape read the saved model back into Plateau's classes: it must compute what the search measured. */
    @Test
    void thePlateauNetworkOfASavedModelComputesExactlyWhatTheSearchProbed() throws Exception {
        for (TrainedCandidates.Trained t : MODELS) {
            DeployedModel model = DeployedModel.read(t.zip());
            MultiLayerNetwork back = model.plateauNetwork();
            MultiLayerNetwork probed = t.quantised() ? IntegerForm.of(t.deployed()).dequantised(t.deployed()) : t.deployed();
            INDArray x = Batches.features(model.input().networkRows(t.study().data().validation()), 0, 200, DataType.FLOAT);
            assertEquals(probed.output(x, false), back.output(x, false), t.name());
            assertEquals(probed.getLayerWiseConfigurations().getConf(0).getLayer().getClass(),
                    back.getLayerWiseConfigurations().getConf(0).getLayer().getClass(), t.name() + ": Plateau's fast layers again");
        }
        MultiLayerNetwork energyCnn = DeployedModel.read(MODELS.get(4).zip()).plateauNetwork();
        assertInstanceOf(FastConvolution.class, energyCnn.getLayerWiseConfigurations().getConf(0).getLayer());
        assertInstanceOf(ImageInput.class, energyCnn.getLayerWiseConfigurations().getInputPreProcess(0));
        assertTrue(energyCnn.getLayerWiseConfigurations().getInputPreProcessors().values().stream().anyMatch(p -> p instanceof SideInputJoin));
        assertEquals(226, NetworkFactory.inputWidth(energyCnn));
    }
}
