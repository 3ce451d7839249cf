package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.model.DeployedModel;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plateau predict}: a saved model's outputs from the raw rows of a CSV file, read by column name. */
class PredictCommandTest {
    static final Path POWER_PLANT = Path.of("../shared/datasets/uci-ccpp-power-plant/uci-ccpp-power-plant.csv").toAbsolutePath();
    static final Path MAGIC = Path.of("../shared/datasets/magic-gamma/magic04_with_header.csv").toAbsolutePath();
    static final String SPACE = """
            study: {name: predict, seed: 4}
            dataset:
              csv: {path: %s, targets: [%s], task: %s}
            architecture: {families: [mlp], dense_layers: {min: 1, max: 1}, dense_widths: [8]}
            training: {learning_rates: [0.01], batch_sizes: [64], epochs: [2]}
            search: {population: 2, generations: 2}
            """;

    @TempDir
    static Path dir;

    static Path model(String name, Path data, String target, String task) throws Exception {
        Path space = dir.resolve(name + ".yaml");
        Files.writeString(space, SPACE.formatted(data, target, task));
        CliRun r = CliRun.of("search", space.toString(), "--out", dir.resolve(name).toString(), "--max-restarts", "0");
        assertEquals(0, r.code(), r.output());
        try (var zips = Files.list(dir.resolve(name + "/models"))) {
            return zips.filter(p -> p.toString().endsWith(".zip")).sorted().findFirst().orElseThrow();
        }
    }

    static List<CSVRecord> read(Path csv) throws Exception {
        try (Reader r = Files.newBufferedReader(csv)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
    }

    static Path regression;

    @BeforeAll
    static void models() throws Exception {
        regression = model("ccpp", POWER_PLANT, "PE", "regression");
    }

    @Test
    void regressionPredictionsAreTheModelsAndTheMetricIsPrinted() throws Exception {
        Path preds = dir.resolve("ccpp-preds.csv");
        CliRun r = CliRun.of("predict", regression.toString(), "--data", POWER_PLANT.toString(), "--out", preds.toString());
        assertEquals(0, r.code(), r.output());
        List<CSVRecord> input = read(POWER_PLANT), output = read(preds);
        assertEquals(input.size(), output.size());
        assertEquals(List.of("PE_predicted"), output.get(0).getParser().getHeaderNames());
        DeployedModel m = DeployedModel.read(regression);
        double[][] raw = new double[5][];
        for (int i = 0; i < 5; i++) {
            CSVRecord row = input.get(i);
            raw[i] = m.input().features().stream().mapToDouble(f -> Double.parseDouble(row.get(f))).toArray();
        }
        double[][] expected = m.predict(raw);
        double sum = 0;
        for (int i = 0; i < input.size(); i++) {
            double e = Double.parseDouble(output.get(i).get("PE_predicted")) - Double.parseDouble(input.get(i).get("PE"));
            sum += e * e;
            if (i < 5) assertEquals(expected[i][0], Double.parseDouble(output.get(i).get("PE_predicted")), 0.0, "row " + i);
        }
        double rmse = Math.sqrt(sum / input.size());
        assertTrue(r.output().contains("rmse on " + input.size() + " rows"), r.output());
        double printed = Double.parseDouble(r.output().substring(r.output().lastIndexOf(": ") + 2).trim());
        assertEquals(rmse, printed, 1e-5 * rmse, "the printed metric is the table's");
        assertTrue(rmse < 17, "better than predicting the mean (the target's sd is about 17 MW): " + rmse);
    }

    @Test
    void classificationGivesProbabilitiesAndTheClassAndIgnoresOtherColumns() throws Exception {
        Path magic = model("magic", MAGIC, "class", "classification");
        CliRun r = CliRun.of("predict", magic.toString(), "--data", MAGIC.toString());
        assertEquals(0, r.code(), r.output());
        List<String> lines = r.output().lines().toList();
        assertEquals("p_g,p_h,predicted_class", lines.get(0));
        List<CSVRecord> input = read(MAGIC);
        int correct = 0;
        for (int i = 0; i < input.size(); i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertEquals(1.0, Double.parseDouble(cells[0]) + Double.parseDouble(cells[1]), 1e-5);
            if (cells[2].equals(input.get(i).get("class"))) correct++;
        }
        double accuracy = correct / (double) input.size();
        assertTrue(r.output().contains("accuracy on " + input.size() + " rows"), r.output());
        double printed = Double.parseDouble(r.output().substring(r.output().lastIndexOf(": ") + 2).trim());
        assertEquals(accuracy, printed, 1e-5 * accuracy, "the printed metric is the table's (6 digits)");
        assertTrue(accuracy > 0.70, "better than the majority class (0.65): " + accuracy);
    }

    @Test
    void aMissingColumnAnExistingOutputAndABadCellAreOneLineErrors() throws Exception {
        Path partial = dir.resolve("partial.csv");
        Files.writeString(partial, "AT,V\n1,2\n");
        CliRun missing = CliRun.of("predict", regression.toString(), "--data", partial.toString());
        assertEquals(2, missing.code(), missing.output());
        assertTrue(missing.output().contains("column 'AP' is not in the header"), missing.output());
        Path taken = Files.writeString(dir.resolve("taken.csv"), "mine\n");
        CliRun exists = CliRun.of("predict", regression.toString(), "--data", POWER_PLANT.toString(), "--out", taken.toString());
        assertEquals(2, exists.code(), exists.output());
        assertTrue(exists.output().contains("exists") && exists.output().contains("--force"), exists.output());
        assertEquals("mine\n", Files.readString(taken), "nothing overwritten");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "AT,V,AP,RH\n1,2,x,4\n");
        CliRun cell = CliRun.of("predict", regression.toString(), "--data", bad.toString());
        assertEquals(2, cell.code(), cell.output());
        assertTrue(cell.output().contains("bad.csv:2: field 'AP': 'x' is not a finite number"), cell.output());
    }
}
