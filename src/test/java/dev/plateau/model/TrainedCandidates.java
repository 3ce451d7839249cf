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
 * Trained candidates in their deployed form, with the data they were trained on and the raw rows of the
 * validation split: float and quantisation-aware MLPs and CNNs, for classification, regression and the
 * calorimeter energy (ln E), with and without the energy input. Shared by the tests of the saved model
 * and of its exports.
 */
public final class TrainedCandidates {
    private TrainedCandidates() {}

    static final double VALIDATION = 0.2, TEST = 0.1;
    static final long SPLIT_SEED = 7;
    static final Regularization BATCH_NORM_AND_DROPOUT = new Regularization(0, 0, 0, 0.1, true, 0, 0, 0, Sharpness.NONE, 0);

    /** A study's prepared data and the raw rows of its validation split, in the split's order. */
    public record Study(PreparedData data, double[][] rawValidation) {
        public static Study of(Dataset raw, double[][] rawRows, TaskMetric metric) {
            PreparedData data = PreparedData.split(raw, VALIDATION, TEST, SPLIT_SEED, metric);
            int[] order = PreparedData.permutation(raw.rows(), SPLIT_SEED);  // the split's: validation rows come first
            double[][] validation = new double[data.validation().rows()][];
            for (int i = 0; i < validation.length; i++) validation[i] = rawRows[order[i]];
            return new Study(data, validation);
        }
    }

    /** A trained candidate in its deployed form (Plateau's classes), and the data it was trained on. */
    public record Trained(String name, CandidateSpec spec, Study study, PreparedData own, MultiLayerNetwork deployed) {
        public static Trained of(String name, CandidateSpec spec, Study study) {
            PreparedData data = study.data();
            PreparedData own = data.forInstance(0, spec.energyInput(), 5);
            Architecture arch = Architecture.of(spec, data.train().featureCount(), data.train().imageShape(), data.train().outputCount());
            MultiLayerNetwork net = NetworkFactory.build(spec, arch, data.train().task(), 3);
            Trainer.train(net, own, spec.batchSize(), spec.epochs(), 5);
            return new Trained(name, spec, study, own, DeployedForm.of(net, spec, arch, data.train().task()));
        }

        public byte[] zip() { return DeployedModel.of(deployed, study.data().inputSchema(spec.energyInput()), study.data().outputDomain()).bytes(); }

        /** Plateau's own network on the standardised validation rows, in original units. */
        public double[] expected() { return study.data().toOriginalUnits(Predictions.of(deployed, own.validation())); }

        public boolean quantised() { return spec.weightBits() != PrecisionSpace.FLOAT; }
    }

    /** Trained once per test JVM, on first use. */
    public static final List<Trained> MODELS = train();

    private static List<Trained> train() {
        List<Trained> models = new ArrayList<>();
        try {
            Path magic = Path.of("../shared/datasets/magic-gamma/magic04_with_header.csv");
            Dataset gamma = new CsvDatasetReader(magic, List.of(), List.of("class"), Task.CLASSIFICATION, false).read();
            Study classification = Study.of(gamma, csvRows(magic, gamma.featureCount()), TaskMetric.ACCURACY);
            Path heating = Path.of("../shared/datasets/uci-energy-efficiency/uci-energy-efficiency.csv");
            Dataset building = new CsvDatasetReader(heating, List.of(), List.of("Y1_heating_load"), Task.REGRESSION, false).read();
            Study regression = Study.of(building, csvRows(heating, building.featureCount()), TaskMetric.RMSE);
            Dataset showers = new CaloShowerGenerator(CaloDetector.shashlik()).generate(CaloVariant.A, 800, 3).toDataset(CaloTarget.ENERGY);
            Study energy = Study.of(showers, cells(showers), TaskMetric.RELATIVE_RMSE);

            models.add(Trained.of("float MLP, classification table", new CandidateSpec(Family.MLP, List.of(), List.of(16, 8), Activation.RELU,
                    3e-3, 128, 2), classification));
            models.add(Trained.of("QAT w6/a6 MLP with batch norm and dropout, regression table", new CandidateSpec(Family.MLP, List.of(),
                    List.of(16, 8), Activation.RELU, 1e-2, 32, 8, 6, 6, true, BATCH_NORM_AND_DROPOUT, 0, false, true), regression));
            models.add(Trained.of("QAT w4/a4 MLP, calorimeter energy (ln E)", new CandidateSpec(Family.MLP, List.of(), List.of(16, 8),
                    Activation.RELU, 1e-2, 32, 6, 4, 4, true), energy));
            models.add(Trained.of("float CNN, calorimeter energy", new CandidateSpec(Family.CNN, List.of(new ConvLayerSpec(4, 3)), List.of(16),
                    Activation.RELU, 1e-2, 32, 4), energy));
            models.add(Trained.of("QAT w6/a6 CNN with the energy input and batch norm, calorimeter energy", new CandidateSpec(Family.CNN,
                    List.of(new ConvLayerSpec(4, 3)), List.of(16), Activation.RELU, 1e-2, 32, 4, 6, 6, false, BATCH_NORM_AND_DROPOUT, 0, true,
                    false), energy));
            models.add(Trained.of("QAT w5/a4 MLP with power-of-two scales, calorimeter energy (ln E)", new CandidateSpec(Family.MLP, List.of(),
                    List.of(16, 8), Activation.RELU, 1e-2, 32, 6, 5, 4, true, Regularization.NONE, 0, false, true, true), energy));
            models.add(Trained.of("float MLP with GELU, regression table", new CandidateSpec(Family.MLP, List.of(), List.of(16, 8),
                    Activation.GELU, 3e-3, 32, 4), regression));
            models.add(Trained.of("float MLP with ELU, classification table", new CandidateSpec(Family.MLP, List.of(), List.of(12),
                    Activation.ELU, 3e-3, 128, 1), classification));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return List.copyOf(models);
    }

    /** The feature cells of a headed CSV's data lines, parsed as written (the features are its first columns). */
    public static double[][] csvRows(Path csv, int features) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        double[][] rows = new double[lines.size() - 1][features];
        for (int r = 0; r < rows.length; r++) {
            String[] cells = lines.get(r + 1).split(",");
            for (int j = 0; j < features; j++) rows[r][j] = Double.parseDouble(cells[j].trim());
        }
        return rows;
    }

    /** The calorimeter cells of every event, as generated. */
    public static double[][] cells(Dataset showers) {
        double[][] rows = new double[showers.rows()][showers.featureCount()];
        for (int r = 0; r < rows.length; r++)
            for (int j = 0; j < rows[r].length; j++) rows[r][j] = showers.feature(r, j);
        return rows;
    }

}
