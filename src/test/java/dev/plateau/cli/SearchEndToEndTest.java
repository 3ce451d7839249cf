package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.data.DatasetLoader;
import dev.plateau.data.PreparedData;
import dev.plateau.model.DeployedModel;
import dev.plateau.select.Dominance;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchSpaceLoader;
import dev.plateau.train.Predictions;
import dev.plateau.train.TaskLoss;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real, small study through the command line: training, proxy, archive, files, determinism. */
class SearchEndToEndTest {
    static final String SPACE = """
            study: {name: tiny, seed: 5}
            dataset:
              calo: {variant: A, events: 500, target: energy}
            architecture:
              families: [mlp, cnn]
              conv_layers: {min: 1, max: 1}
              conv_filters: [2, 4]
              dense_layers: {min: 1, max: 2}
              dense_widths: [4, 8, 16]
              activations: [relu, tanh]
            training:
              learning_rates: [0.003, 0.01]
              batch_sizes: [64]
              epochs: [2, 3]
              seeds: 2
            search:
              population: 6
              generations: 3
              objectives: [{name: val_loss}, {name: noise_curvature}, {name: macs}]
            racing: {enabled: true, warmup: 2, max_instances: 3}
            proxy:
              noise_curvature: {pairs: 2, samples: 64}
            """;

    @TempDir
    static Path dir;
    static Path spaceFile;
    static Path twoWorkers, oneWorker;

    @BeforeAll
    static void runTwice() throws Exception {
        spaceFile = dir.resolve("tiny.yaml");
        Files.writeString(spaceFile, SPACE);
        twoWorkers = dir.resolve("w2");
        oneWorker = dir.resolve("w1");
        assertEquals(0, run("search", spaceFile.toString(), "--out", twoWorkers.toString(), "--workers", "2"));
        assertEquals(0, run("search", spaceFile.toString(), "--out", oneWorker.toString(), "--workers", "1"));
    }

    static int run(String... args) {
        CliRun r = CliRun.of(args);
        if (r.code() != 0) System.err.println(r.output());
        return r.code();
    }

    static List<CSVRecord> read(Path csv) throws Exception { return dev.plateau.StudyTables.read(csv); }

    static List<String> withoutSeconds(Path csv) throws Exception { return dev.plateau.StudyTables.withoutSeconds(csv); }

    @Test
    void workerCountDoesNotChangeAnyResult() throws Exception {
        assertEquals(withoutSeconds(twoWorkers.resolve("candidates.csv")), withoutSeconds(oneWorker.resolve("candidates.csv")));
        for (String f : List.of("pareto.csv", "configurations.csv", "hypervolume.csv", "hypervolume-reference.json"))
            assertEquals(Files.readString(twoWorkers.resolve(f)), Files.readString(oneWorker.resolve(f)), f);
    }

    @Test
    void racingGivesWarmUpsThenOneMoreToSurvivorsOnly() throws Exception {
        var configs = read(twoWorkers.resolve("configurations.csv"));
        var candidates = read(twoWorkers.resolve("candidates.csv"));
        assertTrue(configs.stream().anyMatch(c -> c.get("status").startsWith("dropped")), "some configurations are dropped");
        for (CSVRecord c : configs) {
            List<CSVRecord> mine = candidates.stream().filter(r -> r.get("config_id").equals(c.get("config_id"))).toList();
            assertEquals(Integer.parseInt(c.get("instances")), mine.size());
            assertEquals(List.of("1", "2", "3").subList(0, mine.size()), mine.stream().map(r -> r.get("seed")).toList(),
                    "seeds 1..n in order");
            int first = Integer.parseInt(mine.get(0).get("generation"));
            assertEquals(first, Integer.parseInt(mine.get(1).get("generation")), "the warm-up pair trains in one generation");
            if (mine.size() == 3) assertEquals(first + 1, Integer.parseInt(mine.get(2).get("generation")), "then one per generation");
            if (c.get("status").equals("complete")) assertEquals(3, mine.size());
            if (c.get("status").startsWith("dropped in generation ")) {
                int dropped = Integer.parseInt(c.get("status").substring("dropped in generation ".length()));
                assertTrue(mine.stream().allMatch(r -> Integer.parseInt(r.get("generation")) <= dropped), "nothing after the drop");
            }
        }
        var hv = read(twoWorkers.resolve("hypervolume.csv"));
        assertEquals(3, hv.size(), "one row per generation");
        assertEquals(candidates.size(), Integer.parseInt(hv.get(2).get("trainings")), "every training counted");
        for (int i = 1; i < hv.size(); i++)
            assertTrue(Integer.parseInt(hv.get(i).get("trainings")) >= Integer.parseInt(hv.get(i - 1).get("trainings")));
    }

    @Test
    void everyCandidateIsRecordedWithItsMeasures() throws Exception {
        List<CSVRecord> rows = read(twoWorkers.resolve("candidates.csv"));
        assertTrue(rows.size() >= 6, "at least the initial population: " + rows.size());
        for (CSVRecord r : rows) {
            assertEquals("ok", r.get("status"), r.toString());
            assertFalse(r.get("val_loss").isEmpty());
            assertFalse(r.get("noise_curvature").isEmpty());
            assertTrue(Long.parseLong(r.get("macs")) > 0);
        }
        assertEquals(rows.size(), Files.readAllLines(twoWorkers.resolve("journal.jsonl")).size(), "one journal line per instance");
        assertTrue(Files.exists(twoWorkers.resolve("study.yaml")) && Files.exists(twoWorkers.resolve("provenance.json")));
    }

    /** Brute force: a configuration is in pareto.csv exactly when no other configuration dominates it. */
    @Test
    void paretoFileIsExactlyTheNonDominatedConfigurations() throws Exception {
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (CSVRecord r : read(twoWorkers.resolve("candidates.csv"))) {
            double[] v = {Double.parseDouble(r.get("val_loss")), Double.parseDouble(r.get("noise_curvature")), Double.parseDouble(r.get("macs")),
                    Double.parseDouble(r.get("val_metric"))};
            // with racing, configurations have different instance counts: the objective is still the mean
            double[] s = sums.computeIfAbsent(r.get("config_id"), k -> new double[4]);
            for (int i = 0; i < 4; i++) s[i] += v[i];
            counts.merge(r.get("config_id"), 1, Integer::sum);
        }
        // the archive admits only configurations clearly better than the trivial predictor (baselines.json)
        double floor = new com.fasterxml.jackson.databind.ObjectMapper().readTree(twoWorkers.resolve("baselines.json").toFile())
                .path("floor").path("maxError").asDouble();
        assertTrue(floor > 0 && floor < 1, "floor " + floor);
        Map<String, double[]> means = new LinkedHashMap<>();
        sums.forEach((id, s) -> {
            if (s[3] / counts.get(id) < floor) means.put(id, new double[] {s[0] / counts.get(id), s[1] / counts.get(id), s[2] / counts.get(id)});
        });
        assertTrue(means.size() < sums.size(), "some of the tiny space's configurations learn too little to clear the floor");
        List<String> expected = new ArrayList<>();
        for (var e : means.entrySet()) {
            boolean dominated = means.values().stream().anyMatch(o -> Dominance.dominates(o, e.getValue()));
            if (!dominated) expected.add(e.getKey());
        }
        List<String> actual = read(twoWorkers.resolve("pareto.csv")).stream().map(r -> r.get("config_id")).toList();
        assertEquals(expected, actual);
        for (CSVRecord r : read(twoWorkers.resolve("pareto.csv")))
            assertEquals(means.get(r.get("config_id"))[0], Double.parseDouble(r.get("val_loss_mean")), 1e-12);
        for (CSVRecord r : read(twoWorkers.resolve("configurations.csv")))
            assertEquals(sums.containsKey(r.get("config_id")) && !means.containsKey(r.get("config_id")) && !r.get("instances_ok").equals("0"),
                    !r.get("below_floor").isEmpty(), r.toString());
    }

    /** The read model holds what the folder holds, and reading never writes (a running study is read this way). */
    @Test
    void theStudyReaderSeesExactlyTheFolder() throws Exception {
        Path copy = dir.resolve("read-only");
        try (var files = Files.walk(twoWorkers)) {
            for (Path p : files.toList()) {
                Path to = copy.resolve(twoWorkers.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
        Files.writeString(copy.resolve("journal.jsonl"), "{\"generation\":9,\"res", java.nio.file.StandardOpenOption.APPEND);
        long journalBytes = Files.size(copy.resolve("journal.jsonl"));
        dev.plateau.store.Study study = dev.plateau.store.StudyReader.read(copy);
        assertEquals(journalBytes, Files.size(copy.resolve("journal.jsonl")), "a half-written last line is skipped, not cut off");

        List<CSVRecord> candidates = read(twoWorkers.resolve("candidates.csv"));
        assertEquals(candidates.size(), study.entries().size());
        assertEquals(candidates.stream().map(r -> r.get("config_id")).distinct().sorted().toList(),
                study.configurations().stream().map(dev.plateau.store.Study.Configuration::configId).sorted().toList());
        for (CSVRecord r : read(twoWorkers.resolve("configurations.csv"))) {
            var c = study.configuration(r.get("config_id")).orElseThrow();
            assertEquals(r.get("status"), c.status().label());
            assertEquals(Integer.parseInt(r.get("instances")), c.instances().size());
            assertEquals(Boolean.parseBoolean(r.get("in_archive")), c.inArchive());
        }
        List<CSVRecord> pareto = read(twoWorkers.resolve("pareto.csv"));
        assertEquals(pareto.size(), study.archive().size());
        for (int i = 0; i < pareto.size(); i++) {
            var m = study.archive().get(i);
            assertEquals(pareto.get(i).get("config_id"), m.configId());
            assertEquals(Double.parseDouble(pareto.get(i).get("val_loss_mean")), m.objectives().get("val_loss_mean"), 0.0);
            assertEquals(m.configId(), m.spec().configId());
            assertTrue(Files.isRegularFile(m.modelFile()));
        }
        assertEquals(3, study.hypervolume().size(), "one row per generation");
        assertEquals(List.of("val_loss_mean", "noise_curvature_mean", "macs_mean"), study.reference().objectives());
        assertEquals(dev.plateau.store.StudyStatus.State.FINISHED, study.status().state());
        assertEquals(1, study.instancesByCodeVersion().size());
    }

    @Test
    void savedModelsReproduceTheirRecordedValidationLoss() throws Exception {
        SearchSpace space = SearchSpaceLoader.load(twoWorkers.resolve("study.yaml"));
        PreparedData data = PreparedData.split(DatasetLoader.load(space.dataset()), space.dataset().split().validation(),
                space.dataset().split().test(), space.study().seed(), DatasetLoader.metricOf(space.dataset()));
        Map<String, Double> recorded = new LinkedHashMap<>();
        for (CSVRecord r : read(twoWorkers.resolve("candidates.csv")))
            recorded.put(r.get("config_id") + "-s" + r.get("seed"), Double.parseDouble(r.get("val_loss")));
        List<CSVRecord> pareto = read(twoWorkers.resolve("pareto.csv"));
        assertFalse(pareto.isEmpty());
        for (CSVRecord p : pareto) {
            Path zip = twoWorkers.resolve(p.get("model_file"));
            assertTrue(Files.exists(zip), zip.toString());
            assertTrue(Files.exists(twoWorkers.resolve("models/" + p.get("config_id") + ".model-card.json")));
            double expected = recorded.get(p.get("config_id") + "-s" + p.get("representative_seed"));
            DeployedModel model = DeployedModel.read(zip);
            double[] out = Predictions.of(model.plateauNetwork(), model.input().networkRows(data.validation()));
            double loss = TaskLoss.of(data.validation().task(), out, data.validation().targets(), data.validation().rows());
            assertEquals(expected, loss, 1e-9, "in Plateau's classes: exactly the network the search scored");
            // plain DL4J's stock layers compute the same function up to float summation order (fast-layer tests: ≤ 1e-5)
            MultiLayerNetwork stock = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
            double[] stockOut = Predictions.of(stock, data.validation());
            assertEquals(expected, TaskLoss.of(data.validation().task(), stockOut, data.validation().targets(), data.validation().rows()),
                    1e-5 * expected, "restored with plain DL4J");
        }
    }
}
