package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plateau.export.ModelExport;
import dev.plateau.model.DeployedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plateau export} end to end on a real study of quantisation-aware calorimeter models: the
 * folder holds every file, ONNX Runtime runs both ONNX files on the raw cells of a CSV written by
 * {@code plateau data calo} and gives what {@code plateau predict} (and {@code --deployed}) gives from
 * the same file, and bad requests are one-line errors that leave existing folders alone.
 */
class ExportCommandTest {
    static final String SPACE = """
            study: {name: export, seed: 5}
            dataset:
              calo: {variant: A, events: 600, target: energy}
              split: {validation: 0.2, test: 0.2}
            architecture: {families: [cnn], conv_layers: {min: 1, max: 1}, conv_filters: [4], conv_kernels: [3],
                           dense_layers: {min: 1, max: 1}, dense_widths: [16], activations: [relu], energy_input: [true, false]}
            precision: {weight_bits: [4, 6], activation_bits: [6]}
            training: {learning_rates: [0.01], batch_sizes: [32], epochs: [8]}
            search: {population: 3, generations: 2}
            """;

    @TempDir
    static Path dir;
    static Path study, cells;

    @BeforeAll
    static void study() throws Exception {
        Path space = dir.resolve("export.yaml");
        Files.writeString(space, SPACE);
        study = dir.resolve("study");
        CliRun r = CliRun.of("search", space.toString(), "--out", study.toString(), "--max-restarts", "0", "--verify", "off");
        assertEquals(0, r.code(), r.output());
        cells = dir.resolve("cells.csv");
        CliRun data = CliRun.of("data", "calo", "--events", "300", "--seed", "9", "--out", cells.toString());
        assertEquals(0, data.code(), data.output());
    }

    static double[][] predicted(Path csv, String column) throws Exception {
        List<CSVRecord> rows = PredictCommandTest.read(csv);
        double[][] out = new double[rows.size()][1];
        for (int r = 0; r < out.length; r++) out[r][0] = Double.parseDouble(rows.get(r).get(column));
        return out;
    }

    static float[][] raw(DeployedModel m, Path csv) throws Exception {
        List<CSVRecord> rows = PredictCommandTest.read(csv);
        float[][] raw = new float[rows.size()][];
        for (int r = 0; r < raw.length; r++) {
            CSVRecord row = rows.get(r);
            raw[r] = new float[m.input().features().size()];
            for (int j = 0; j < raw[r].length; j++) raw[r][j] = Float.parseFloat(row.get(m.input().features().get(j)));
        }
        return raw;
    }

    static float[][] onnxRuntime(Path file, float[][] rows) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(file.toString(), new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, rows);
             OrtSession.Result out = s.run(Map.of(s.getInputNames().iterator().next(), in))) {
            return (float[][]) out.get(0).getValue();
        }
    }

    @Test
    void anExportRunsInOnnxRuntimeAsPlateauPredicts() throws Exception {
        Path out = dir.resolve("knee");
        CliRun r = CliRun.of("export", study.toString(), "--pick", "knee", "--out", out.toString());
        assertEquals(0, r.code(), r.output());
        for (String f : List.of(ModelExport.QONNX, ModelExport.ONNX, ModelExport.ZIP, ModelExport.WEIGHTS, ModelExport.CARD, ModelExport.CARD_TEXT))
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " in " + r.output());
        DeployedModel m = DeployedModel.read(out.resolve(ModelExport.ZIP));
        float[][] rows = raw(m, cells);

        Path plain = dir.resolve("knee-preds.csv"), deployed = dir.resolve("knee-deployed.csv");
        assertEquals(0, CliRun.of("predict", out.toString(), "--data", cells.toString(), "--out", plain.toString()).code());
        assertEquals(0, CliRun.of("predict", out.toString(), "--data", cells.toString(), "--out", deployed.toString(), "--deployed").code());
        String column = m.output().targetNames().get(0) + "_predicted";
        double[][] expected = predicted(plain, column), expectedDeployed = predicted(deployed, column);
        float[][] onnx = onnxRuntime(out.resolve(ModelExport.ONNX), rows), qonnx = onnxRuntime(out.resolve(ModelExport.QONNX), rows);
        int off = 0;
        for (int i = 0; i < rows.length; i++) {
            if (Math.abs(onnx[i][0] - expected[i][0]) > 1e-5 * Math.abs(expected[i][0])) off++;
            if (Math.abs(qonnx[i][0] - expectedDeployed[i][0]) > 1e-5 * Math.abs(expectedDeployed[i][0])) off++;
        }
        assertTrue(off <= 0.001 * 2 * rows.length, off + " of " + 2 * rows.length + " outputs differ");

        JsonNode card = new ObjectMapper().readTree(out.resolve(ModelExport.CARD).toFile());
        assertEquals(card.path("config_id").asText(), ModelProto.parseFrom(Files.readAllBytes(out.resolve(ModelExport.QONNX)))
                .getMetadataPropsList().stream().filter(p -> p.getKey().equals("config_id")).findFirst().orElseThrow().getValue());
        assertTrue(card.path("metrics").has("test_relative_rmse"), card.toString());
        assertTrue(card.path("resources").path("bops").asLong() > 0);
        assertEquals("GeV", card.path("output").path("units").get(0).asText());
        JsonNode weights = new ObjectMapper().readTree(out.resolve(ModelExport.WEIGHTS).toFile());
        JsonNode conv = weights.path("layers").get(0);
        assertEquals("conv2d", conv.path("kind").asText());
        int bits = conv.path("weights").path("bits").asInt(), top = (1 << (bits - 1)) - 1;
        for (JsonNode level : conv.path("weights").path("levels")) assertTrue(Math.abs(level.asInt()) <= top, level + " beyond " + bits + " bits");
    }

    /**
     * A user's program that knows DL4J and nothing of Plateau: it reads model.zip, applies the input
     * standardisation and output transform from the zip's JSON entry (with the Jackson ND4J ships), runs
     * the network and prints the relative RMSE on a CSV of raw rows with an energy_gev column.
     */
    static final String PLAIN_DL4J = """
            import java.nio.file.*;
            import java.util.*;
            import java.util.zip.*;
            import org.deeplearning4j.nn.graph.ComputationGraph;
            import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
            import org.deeplearning4j.util.ModelSerializer;
            import org.nd4j.linalg.api.ndarray.INDArray;
            import org.nd4j.linalg.factory.Nd4j;
            import org.nd4j.shade.jackson.databind.JsonNode;
            import org.nd4j.shade.jackson.databind.ObjectMapper;

            public class PlainDl4jMetric {
                public static void main(String[] args) throws Exception {
                    try {
                        Class.forName("dev.plateau.model.DeployedModel");
                        throw new IllegalStateException("plateau on the class path");
                    } catch (ClassNotFoundException expected) {}
                    JsonNode d = null;
                    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(Path.of(args[0])))) {
                        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry())
                            if (e.getName().equals("plateau-deployed-model.json")) d = new ObjectMapper().readTree(in.readAllBytes());
                    }
                    JsonNode input = d.get("input"), output = d.get("output");
                    List<String> lines = Files.readAllLines(Path.of(args[1]));
                    List<String> header = Arrays.asList(lines.get(0).split(","));
                    int f = input.get("features").size(), n = lines.size() - 1;
                    boolean energy = input.get("totalEnergy").asBoolean();
                    float[][] x = new float[n][f];
                    float[][] side = new float[n][1];
                    double[] sums = new double[n];
                    double[] truth = new double[n];
                    for (int r = 0; r < n; r++) {
                        String[] cells = lines.get(r + 1).split(",");
                        for (int j = 0; j < f; j++) {
                            float raw = Float.parseFloat(cells[header.indexOf(input.get("features").get(j).asText())]);
                            x[r][j] = (float) ((raw - input.get("mean").get(j).asDouble()) / input.get("scale").get(j).asDouble());
                            sums[r] += x[r][j];
                        }
                        side[r][0] = (float) Math.log(Math.max(sums[r], 1e-3));  // the energy input: ln of the summed cells
                        truth[r] = Double.parseDouble(cells[header.indexOf("energy_gev")]);
                    }
                    INDArray out = energy
                            ? ModelSerializer.restoreComputationGraph(args[0], false).outputSingle(Nd4j.createFromArray(x), Nd4j.createFromArray(side))
                            : ModelSerializer.restoreMultiLayerNetwork(args[0], false).output(Nd4j.createFromArray(x));
                    double sum = 0;
                    for (int r = 0; r < n; r++) {
                        double v = out.getDouble(r, 0) * output.get("targetScale").get(0).asDouble() + output.get("targetMean").get(0).asDouble();
                        double e = output.get("logTarget").asBoolean() ? Math.exp(v) : v;
                        sum += ((e - truth[r]) / truth[r]) * ((e - truth[r]) / truth[r]);
                    }
                    System.out.println("relative_rmse " + Math.sqrt(sum / n));
                }
            }
            """;

    @Test
    void aProgramWithOnlyDl4jReproducesTheCardsTestMetricFromRawTestRows() throws Exception {
        // float activations: a plain DL4J forward pass is then the whole model (activation grids need Plateau's predict or ONNX)
        Path space = dir.resolve("plain.yaml");
        Files.writeString(space, SPACE.replace("name: export", "name: plain").replace("activation_bits: [6]", "activation_bits: [32]"));
        Path plain = dir.resolve("plain-study");
        assertEquals(0, CliRun.of("search", space.toString(), "--out", plain.toString(), "--max-restarts", "0").code());
        Path out = dir.resolve("plain-export");
        assertEquals(0, CliRun.of("export", plain.toString(), "--out", out.toString()).code());
        JsonNode card = new ObjectMapper().readTree(out.resolve(ModelExport.CARD).toFile());
        double expected = card.path("metrics").path("test_relative_rmse").asDouble();

        // the study's raw test rows: its split, from the generated showers
        var loaded = dev.plateau.space.SearchSpaceLoader.load(space);
        dev.plateau.data.Dataset raw = dev.plateau.data.DatasetLoader.load(loaded.dataset());
        int n = raw.rows(), nVal = (int) Math.round(n * 0.2), nTest = (int) Math.round(n * 0.2);
        int[] order = dev.plateau.data.PreparedData.permutation(n, loaded.study().seed());
        StringBuilder csv = new StringBuilder(String.join(",", raw.featureNames()) + ",energy_gev\n");
        for (int i = nVal; i < nVal + nTest; i++) {
            int r = order[i];
            for (int j = 0; j < raw.featureCount(); j++) csv.append(raw.feature(r, j)).append(',');
            csv.append(raw.targets()[r]).append('\n');
        }
        Path testRows = dir.resolve("plain-test-rows.csv");
        Files.writeString(testRows, csv);
        Path source = dir.resolve("PlainDl4jMetric.java");
        Files.writeString(source, PLAIN_DL4J);
        String printed = dev.plateau.PlainDl4jProgram.run(source, List.of(out.resolve(ModelExport.ZIP).toString(), testRows.toString()));
        String line = printed.lines().filter(l -> l.startsWith("relative_rmse ")).findFirst().orElseThrow(() -> new AssertionError(printed));
        double reproduced = Double.parseDouble(line.substring(line.indexOf(' ') + 1));
        System.out.printf("card test_relative_rmse %.8g, plain DL4J from raw test rows %.8g%n", expected, reproduced);
        assertEquals(expected, reproduced, 1e-5 * expected);
    }

    @Test
    void badRequestsAreOneLineErrorsAndLeaveFoldersAlone() throws Exception {
        Path existing = dir.resolve("existing");
        Files.createDirectories(existing);
        Files.writeString(existing.resolve("keep.txt"), "mine");
        CliRun taken = CliRun.of("export", study.toString(), "--out", existing.toString());
        assertEquals(2, taken.code(), taken.output());
        assertTrue(taken.output().contains("--force"), taken.output());
        assertEquals("mine", Files.readString(existing.resolve("keep.txt")));

        CliRun unknown = CliRun.of("export", study.toString(), "--pick", "0123456789ab", "--out", dir.resolve("x").toString());
        assertEquals(2, unknown.code(), unknown.output());
        assertTrue(unknown.output().contains("knee, most-robust, best-deployed"), unknown.output());
        assertFalse(Files.exists(dir.resolve("x")));

        CliRun unverified = CliRun.of("export", study.toString(), "--pick", "best-deployed", "--out", dir.resolve("y").toString());
        assertEquals(2, unverified.code(), unverified.output());
        assertTrue(unverified.output().contains("plateau verify"), unverified.output());

        CliRun noStudy = CliRun.of("export", dir.toString());
        assertEquals(2, noStudy.code(), noStudy.output());

        CliRun forced = CliRun.of("export", study.toString(), "--out", existing.toString(), "--force");
        assertEquals(0, forced.code(), forced.output());
        assertFalse(Files.exists(existing.resolve("keep.txt")));
        assertTrue(Files.isRegularFile(existing.resolve(ModelExport.QONNX)));
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".export-")), "no temporary folder left");
        }
    }
}
