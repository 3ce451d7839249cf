package dev.plateau.exec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plateau.cli.ChildStudy;
import dev.plateau.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One small study — racing and early stopping on, so the rule travels with the tasks — through the
 * command line on the local engine, on Spark's {@code local[2]} (tasks serialised, one JVM) and on
 * {@code local-cluster[2,1,1024]} (two executor JVMs that each load ND4J and prepare the data from the
 * study's settings): every result file is the same.
 */
class SparkStudyTest {
    static final String SPACE = """
            study: {name: spark-tiny, seed: 5}
            dataset:
              calo: {variant: A, events: 1000, target: energy}
            architecture:
              families: [mlp]
              dense_layers: {min: 1, max: 2}
              dense_widths: [4, 8, 16, 32, 64]
              activations: [relu, tanh]
            training:
              learning_rates: [0.003, 0.01, 0.03]
              batch_sizes: [64]
              epochs: [4, 8]
              seeds: 2
            search:
              population: 8
              generations: 3
              objectives: [{name: val_loss}, {name: macs}]
              early_stopping: {enabled: true, margin: 0.05, min_epochs: 1}
            racing: {enabled: true, warmup: 2, max_instances: 3}
            proxy:
              noise_curvature: {pairs: 2, samples: 64}
            """;

    @TempDir
    static Path dir;
    static Path local, sparkLocal, sparkCluster;
    static String clusterOutput;

    @BeforeAll
    static void runThreeWays() throws Exception {
        Path space = dir.resolve("tiny.yaml");
        Files.writeString(space, SPACE);
        local = dir.resolve("local");
        sparkLocal = dir.resolve("spark-local");
        sparkCluster = dir.resolve("spark-cluster");
        assertEquals(0, run("search", space.toString(), "--out", local.toString(), "--workers", "2", "--verify", "off").code());
        assertEquals(0, run("search", space.toString(), "--out", sparkLocal.toString(), "--engine", "spark", "--master", "local[2]",
                "--verify", "off").code());
        CliRun cluster = run("search", space.toString(), "--out", sparkCluster.toString(), "--engine", "spark", "--master", "local-cluster[2,1,1024]",
                "--verify", "off");
        clusterOutput = cluster.output();
        assertEquals(0, cluster.code(), cluster.output());
    }

    static CliRun run(String... args) { return CliRun.of(args); }

    static List<String> withoutSeconds(Path csv) throws Exception { return dev.plateau.StudyTables.withoutSeconds(csv); }

    @Test
    void sparkWritesWhatTheLocalEngineWrites() throws Exception {
        List<String> expected = withoutSeconds(local.resolve("candidates.csv"));
        assertTrue(expected.size() >= 10, "a study with a few generations: " + expected.size());
        assertTrue(expected.stream().anyMatch(l -> l.contains("status=pruned")), "early stopping pruned something, so the rule ran remotely");
        for (Path spark : List.of(sparkLocal, sparkCluster)) {
            assertEquals(expected, withoutSeconds(spark.resolve("candidates.csv")), spark.toString());
            for (String f : List.of("configurations.csv", "pareto.csv", "hypervolume.csv", "hypervolume-reference.json"))
                assertEquals(Files.readString(local.resolve(f)), Files.readString(spark.resolve(f)), spark + " " + f);
            assertEquals(Files.readAllLines(local.resolve("journal.jsonl")).size(), Files.readAllLines(spark.resolve("journal.jsonl")).size(),
                    "one journal line per instance");
        }
    }

    /** The driver killed with SIGKILL mid-study, then resumed on Spark: the same files as the uninterrupted local run. */
    @Test
    void aKilledDriverResumesFromItsJournal() throws Exception {
        Path study = dir.resolve("killed-driver");
        List<String> sparkFlags = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens")).toList();
        Process driver = ChildStudy.start(dir.resolve("killed-driver.log"), sparkFlags, "search", dir.resolve("tiny.yaml").toString(),
                "--out", study.toString(), "--engine", "spark", "--master", "local[2]", "--verify", "off", "--max-restarts", "0");
        ChildStudy.awaitJournal(driver, study, 8);
        driver.destroyForcibly().waitFor();
        long journaled = ChildStudy.journalLines(study);
        assertTrue(journaled < Files.readAllLines(local.resolve("journal.jsonl")).size(), "killed mid-study: " + journaled);
        CliRun resumed = run("resume", study.toString(), "--engine", "spark", "--master", "local[2]", "--verify", "off");
        assertEquals(0, resumed.code(), resumed.output());
        assertTrue(resumed.output().contains("resuming: " + journaled + " instances in the journal are replayed"), resumed.output());
        assertEquals(withoutSeconds(local.resolve("candidates.csv")), withoutSeconds(study.resolve("candidates.csv")));
        for (String f : List.of("configurations.csv", "pareto.csv", "hypervolume.csv"))
            assertEquals(Files.readString(local.resolve(f)), Files.readString(study.resolve(f)), f);
    }

    /** The time budget travels with the tasks: none starts after it, and the stopped study resumes to the same files. */
    @Test
    void aBudgetStopsSparkTasksFromStartingAndTheStudyResumes() throws Exception {
        Path study = dir.resolve("budget");
        CliRun stopped = run("search", dir.resolve("tiny.yaml").toString(), "--out", study.toString(), "--engine", "spark", "--master", "local[1]",
                "--budget", "3s", "--verify", "off");  // short: the assertions hold even if nothing finished in it
        assertEquals(0, stopped.code(), stopped.output());
        assertTrue(stopped.output().contains("the time budget is used up") && stopped.output().contains("continue with: plateau resume"), stopped.output());
        long journaled = ChildStudy.journalLines(study);
        assertTrue(journaled < Files.readAllLines(local.resolve("journal.jsonl")).size(), "stopped early: " + journaled);
        CliRun resumed = run("resume", study.toString(), "--engine", "spark", "--master", "local[2]", "--verify", "off");
        assertEquals(0, resumed.code(), resumed.output());
        assertEquals(withoutSeconds(local.resolve("candidates.csv")), withoutSeconds(study.resolve("candidates.csv")));
        assertEquals(Files.readString(local.resolve("pareto.csv")), Files.readString(study.resolve("pareto.csv")));
    }

    /** Sixteen slots and a population of 8: warned about, or with --fill-slots raised to 27 and recorded. */
    @Test
    void smallGenerationsAreWarnedAboutOrRaisedToFillTheSlots() throws Exception {
        Path warned = dir.resolve("warned"), filled = dir.resolve("filled");
        CliRun w = run("search", dir.resolve("tiny.yaml").toString(), "--out", warned.toString(), "--engine", "spark", "--master", "local[16]",
                "--budget", "1s", "--verify", "off");
        assertEquals(0, w.code(), w.output());
        assertTrue(w.output().contains("note: a generation proposes about 5 new candidates (0.6 x population 8) for 16 slots, so slots idle; "
                + "give search.population at least 27"), w.output());
        CliRun f = run("search", dir.resolve("tiny.yaml").toString(), "--out", filled.toString(), "--engine", "spark", "--master", "local[16]",
                "--fill-slots", "--budget", "1s", "--verify", "off");
        assertEquals(0, f.code(), f.output());
        assertTrue(f.output().contains("population raised from 8 to 27 so that each generation's new candidates fill 16 task slots"), f.output());
        assertTrue(!f.output().contains("note: a generation proposes"), f.output());
        assertTrue(Files.readString(filled.resolve("study.yaml")).contains("population: 27"), Files.readString(filled.resolve("study.yaml")));
    }

    /** --max-failures on Spark: the job is cancelled, the run ends with exit code 3, and what failed is journaled with its reason. */
    @Test
    void maxFailuresEndsASparkRun() throws Exception {
        Path study = dir.resolve("failing");
        CliRun r = run("search", dir.resolve("tiny.yaml").toString(), "--out", study.toString(), "--engine", "spark", "--master", "local[2]",
                "--candidate-timeout", "1ms", "--max-failures", "2", "--verify", "off");
        assertEquals(3, r.code(), r.output());
        assertTrue(r.output().contains("2 candidates failed in this run (--max-failures 2)"), r.output());
        List<String> journal = Files.readAllLines(study.resolve("journal.jsonl"));
        assertTrue(journal.size() >= 2 && journal.stream().filter(l -> l.contains("timeout")).count() >= 2, String.join("\n", journal));
    }

    /** Proxy validation goes through the engine too: its population table is the local engine's. */
    @Test
    void validateOnSparkWritesTheLocalTables() throws Exception {
        Path space = dir.resolve("tiny.yaml");
        Path onLocal = dir.resolve("validate-local"), onSpark = dir.resolve("validate-spark");
        List<String> common = List.of("--configurations", "3", "--instances", "2", "--draws", "2");
        List<String> a = new ArrayList<>(List.of("validate", space.toString(), "--out", onLocal.toString(), "--workers", "2"));
        a.addAll(common);
        List<String> b = new ArrayList<>(List.of("validate", space.toString(), "--out", onSpark.toString(), "--engine", "spark", "--master", "local[2]"));
        b.addAll(common);
        CliRun r = run(a.toArray(String[]::new));
        assertEquals(0, r.code(), r.output());
        r = run(b.toArray(String[]::new));
        assertEquals(0, r.code(), r.output());
        // cost_ratio* are ratios of measured seconds, like the _seconds columns
        assertEquals(withoutSeconds(onLocal.resolve("population.csv")).stream().map(l -> l.replaceAll("cost_ratio[a-z_]*=[^,]*,", "")).toList(),
                withoutSeconds(onSpark.resolve("population.csv")).stream().map(l -> l.replaceAll("cost_ratio[a-z_]*=[^,]*,", "")).toList());
        assertEquals(Files.readString(onLocal.resolve("correlations.csv")), Files.readString(onSpark.resolve("correlations.csv")));
    }

    @Test
    void theSummarySaysWhichEngineRanAndHowBusyItWas() {
        assertTrue(clusterOutput.contains("engine: spark on local-cluster[2,1,1024], 2 task slots"), clusterOutput);
        assertTrue(clusterOutput.matches("(?s).*workers busy \\d+ % of the search's wall time.*"), clusterOutput);
    }

    @Test
    void badEngineFlagsAreOneLineUserErrors() {
        Path space = dir.resolve("tiny.yaml");
        for (String[] flags : List.of(
                new String[] {"--engine", "sparkle"},
                new String[] {"--master", "local[2]"},
                new String[] {"--engine", "spark", "--master", "spark:/host:7077"},
                new String[] {"--engine", "spark", "--master", "spark://127.0.0.1:9"})) {  // nothing listens on the discard port
            Path out = dir.resolve("bad-" + String.join("", flags).replaceAll("[^a-z0-9]", ""));
            List<String> args = new ArrayList<>(List.of("search", space.toString(), "--out", out.toString()));
            args.addAll(List.of(flags));
            CliRun r = run(args.toArray(String[]::new));
            assertEquals(2, r.code(), r.output());
            assertEquals(1, r.output().strip().lines().count(), "one line: " + r.output());
            assertTrue(!Files.exists(out), "nothing written: " + out);
            assertTrue(r.output().strip().startsWith("plateau: ") && r.output().contains("(fix"), r.output());
        }
    }
}
