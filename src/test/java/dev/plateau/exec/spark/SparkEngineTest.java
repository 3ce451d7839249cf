package dev.plateau.exec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.InputException;
import dev.plateau.data.DatasetLoader;
import dev.plateau.data.PreparedData;
import dev.plateau.exec.EarlyStopRule;
import dev.plateau.exec.Evaluation;
import dev.plateau.exec.EvaluatorSetup;
import dev.plateau.exec.InstanceEvaluator;
import dev.plateau.exec.Outcome;
import dev.plateau.exec.RunControl;
import dev.plateau.select.Genome;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.Instance;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchSpaceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine's promises that a study run cannot show: a worker that cannot evaluate the study
 * refuses it (other code, data missing or different), and an executor killed mid-task loses nothing and
 * counts nothing twice.
 */
class SparkEngineTest {
    @TempDir
    Path dir;

    /** A small regression table: y = x1 - 2 x2 + noise. */
    private Path table(String name, int rows, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("x1,x2,x3,y\n");
        for (int r = 0; r < rows; r++) {
            double x1 = random.nextGaussian(), x2 = random.nextGaussian(), x3 = random.nextGaussian();
            sb.append(String.format(java.util.Locale.ROOT, "%.5f,%.5f,%.5f,%.5f%n", x1, x2, x3, x1 - 2 * x2 + 0.1 * random.nextGaussian()));
        }
        Path csv = dir.resolve(name);
        Files.writeString(csv, sb);
        return csv;
    }

    private SearchSpace space(Path csv, String family, int events) throws Exception {
        String dataset = csv != null ? "csv: {path: " + csv + ", targets: [y]}" : "calo: {variant: A, events: " + events + ", target: energy}";
        Path file = dir.resolve("space-" + family + ".yaml");
        Files.writeString(file, """
                study: {name: engine, seed: 11}
                dataset:
                  %s
                architecture:
                  families: [%s]
                  conv_layers: {min: 1, max: 1}
                  conv_filters: [4, 8]
                  dense_layers: {min: 1, max: 2}
                  dense_widths: [8, 16]
                training:
                  learning_rates: [0.003]
                  batch_sizes: [32]
                  epochs: [6]
                  seeds: 2
                search: {population: 4, generations: 2}
                """.formatted(dataset, family));
        return SearchSpaceLoader.load(file);
    }

    private static List<Instance> instances(SearchSpace space, int configurations, int seeds) {
        List<Instance> batch = new ArrayList<>();
        for (CandidateSpec c : new Genome(space).randomConfigurations(configurations, space.study().seed()))
            for (int s = 1; s <= seeds; s++) batch.add(Instance.of(space.study().seed(), c, s));
        return batch;
    }

    private static InputException refusal(SearchSpace space, PreparedData driverData, EvaluatorSetup setup) {
        try (SparkEngine engine = SparkEngine.open("local[1]", 1, setup, setup.evaluator(space, driverData))) {
            List<Evaluation> done = new ArrayList<>();
            InputException e = assertThrows(InputException.class, () -> engine.evaluate(instances(space, 1, 1), RunControl.unlimited(), done::add,
                    EarlyStopRule.NEVER));
            assertEquals(List.of(), done, "nothing was evaluated");
            return e;
        }
    }

    @Test
    void workersRefuseAStudyTheyCannotReproduce() throws Exception {
        Path csv = table("t.csv", 400, 1);
        SearchSpace space = space(csv, "mlp", 0);
        PreparedData data = DatasetLoader.prepare(space);
        EvaluatorSetup setup = EvaluatorSetup.of(space, data, null);

        EvaluatorSetup otherCode = new EvaluatorSetup(setup.spaceYaml(), setup.dataFingerprint(), "0123456789abcdef0123456789abcdef01234567",
                null, false, 0, 0);
        InputException e = refusal(space, data, otherCode);
        assertTrue(e.getMessage().contains("on a Spark worker (executor driver") && e.getMessage().contains("this worker runs Plateau code version"),
                e.getMessage());

        Files.writeString(csv, Files.readString(csv).replaceFirst("\n-?\\d", "\n7"));  // one value differs
        e = refusal(space, data, setup);
        assertTrue(e.getMessage().contains("the data this worker reads differs from the driver's"), e.getMessage());

        Files.delete(csv);
        e = refusal(space, data, setup);
        assertTrue(e.getMessage().contains(csv.getFileName().toString()) && e.getMessage().contains("does not exist on this worker"), e.getMessage());
        assertTrue(e.getMessage().contains("(fix: every worker must see the study's data files"), e.getMessage());
    }

    /**
     * local-cluster[2,1,1024]: once the first result is in, one executor JVM is killed with SIGKILL. Every
     * instance comes back exactly once — the ones the dead executor (or the failed job) took are submitted
     * once more — and each equals the local evaluation bit for bit.
     */
    @Test
    void anExecutorKilledMidTaskLosesNothingAndCountsNothingTwice() throws Exception {
        SearchSpace space = space(null, "cnn", 1200);
        PreparedData data = DatasetLoader.prepare(space);
        EvaluatorSetup setup = EvaluatorSetup.of(space, data, null);
        InstanceEvaluator local = setup.evaluator(space, data);
        List<Instance> batch = instances(space, 4, 2);
        List<Evaluation> streamed = Collections.synchronizedList(new ArrayList<>());
        List<Long> killed = new ArrayList<>();
        List<Evaluation> returned;
        try (SparkEngine engine = SparkEngine.open("local-cluster[2,1,1024]", 2, setup, local)) {
            returned = engine.evaluate(batch, RunControl.unlimited(), e -> {
                streamed.add(e);
                if (killed.isEmpty()) killed.add(killOneExecutor());
            }, EarlyStopRule.NEVER);
        }
        assertEquals(1, killed.size());
        assertTrue(killed.get(0) > 0, "an executor JVM was found and killed");
        assertEquals(batch.size(), returned.size(), "every instance comes back");
        assertEquals(batch.size(), streamed.size(), "each handed to the study once");
        assertEquals(batch.stream().map(Instance::key).sorted().toList(),
                streamed.stream().map(e -> e.result().instance().key()).sorted().toList(), "no instance twice");
        Map<String, Double> remote = new HashMap<>();
        for (Evaluation e : returned) {
            assertEquals(Outcome.OK, e.result().outcome(), e.result().failure());
            remote.put(e.result().instance().key(), e.result().valLoss());
        }
        for (Instance i : batch.subList(0, 2))  // the same numbers as this JVM gets
            assertEquals(local.evaluate(i).result().valLoss(), remote.get(i.key()), i.key());
    }

    /** Read from /proc: ProcessHandle.Info leaves out command lines as long as an executor's classpath. */
    private static String commandLine(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** SIGKILLs one of this JVM's Spark executor processes; its pid. */
    private static long killOneExecutor() {
        ProcessHandle executor = ProcessHandle.current().descendants()
                .filter(p -> commandLine(p).contains("CoarseGrainedExecutorBackend"))
                .findFirst().orElseThrow(() -> new AssertionError("no executor process"));
        executor.destroyForcibly();
        return executor.pid();
    }
}
