package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes, signals, budgets and failing candidates, against one uninterrupted reference run. */
class UnattendedRunTest {
    static final String SPACE = """
            study: {name: crashy, seed: 11}
            dataset:
              calo: {variant: A, events: 1200, target: energy}
            architecture:
              families: [mlp]
              dense_layers: {min: 1, max: 3}
              dense_widths: [4, 8, 16, 32, 64]
              activations: [relu, tanh, elu]
            training:
              learning_rates: [0.002, 0.005, 0.01]
              batch_sizes: [32]
              epochs: [8, 12]
              seeds: 3
            search:
              population: 10
              generations: 5
              workers: 2
            proxy:
              noise_curvature: {pairs: 2, samples: 128}
            """;

    @TempDir
    static Path dir;
    static Path spaceFile, reference;

    @BeforeAll
    static void uninterrupted() throws Exception {
        spaceFile = dir.resolve("crashy.yaml");
        Files.writeString(spaceFile, SPACE);
        reference = dir.resolve("reference");
        assertEquals(0, run("search", spaceFile.toString(), "--out", reference.toString()));
    }

    static String lastOutput = "";

    static int run(String... args) {
        CliRun r = CliRun.of(args);
        lastOutput = r.output();
        return r.code();
    }

    static void assertSameAsReference(Path study) throws Exception {
        assertEquals(SearchEndToEndTest.withoutSeconds(reference.resolve("candidates.csv")),
                SearchEndToEndTest.withoutSeconds(study.resolve("candidates.csv")));
        assertEquals(Files.readString(reference.resolve("pareto.csv")), Files.readString(study.resolve("pareto.csv")));
        List<String> journal = Files.readAllLines(study.resolve("journal.jsonl"));
        Set<String> keys = new HashSet<>();
        for (String line : journal) {
            assertTrue(line.startsWith("{") && line.endsWith("}"), "whole JSON line: " + line);
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).get("result").get("instance");
            String key = node.get("spec").toString() + "/" + node.get("seed").asInt();
            assertTrue(keys.add(key), "duplicated journal record " + key);
        }
        assertEquals(SearchEndToEndTest.read(study.resolve("candidates.csv")).size(), journal.size(), "one journal line per candidate");
        try (var models = Files.list(study.resolve("models"))) {
            assertEquals(2 * SearchEndToEndTest.read(study.resolve("pareto.csv")).size(), models.count(), "zip + card per Pareto row");
        }
    }

    @Test
    void killedThreeTimesThenResumedEqualsTheUninterruptedRun() throws Exception {
        Path study = dir.resolve("killed");
        Path log = dir.resolve("killed.log");
        long total = SearchEndToEndTest.read(reference.resolve("candidates.csv")).size();
        assertTrue(total >= 14, "enough candidates to kill at three moments: " + total);

        Process p = ChildStudy.start(log, "search", spaceFile.toString(), "--out", study.toString());
        ChildStudy.awaitJournal(p, study, 3);
        p.destroyForcibly().waitFor();  // SIGKILL in generation 1

        p = ChildStudy.start(log, "resume", study.toString());
        ChildStudy.awaitJournal(p, study, total / 2);
        p.destroyForcibly().waitFor();  // SIGKILL in a later generation

        assertEquals(0, run("status", study.toString()));
        assertTrue(lastOutput.contains("interrupted (process"), lastOutput);

        p = ChildStudy.start(log, "resume", study.toString());
        ChildStudy.awaitJournal(p, study, total - 3);
        p.destroyForcibly().waitFor();
        // A kill while a line is being written leaves a line without its newline: cut the last one in half.
        Path journal = study.resolve("journal.jsonl");
        byte[] bytes = Files.readAllBytes(journal);
        int lastStart = new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8).lastIndexOf('\n') + 1;
        int cut = lastStart + (bytes.length - lastStart) / 2;
        Files.write(journal, java.util.Arrays.copyOf(bytes, cut));

        assertEquals(0, run("resume", study.toString()), lastOutput);
        assertTrue(lastOutput.contains("replayed"), lastOutput);
        assertSameAsReference(study);
        assertTrue(Files.readString(study.resolve("plateau.log")).contains("torn last line"), "the repair is logged");
        assertEquals(0, run("status", study.toString()));
        assertTrue(lastOutput.contains(": finished"), lastOutput);
    }

    @Test
    void sigtermStopsCleanlyWithExitZeroAndSaysHowToResume() throws Exception {
        Path study = dir.resolve("terminated");
        Path log = dir.resolve("terminated.log");
        Process p = ChildStudy.start(log, "search", spaceFile.toString(), "--out", study.toString());
        ChildStudy.awaitJournal(p, study, 4);
        p.destroy();  // SIGTERM
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the process ends after SIGTERM");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("interrupted by a signal") && out.contains("plateau resume " + study), out);
        assertTrue(Files.readString(study.resolve("status.json")).contains("\"stopped\""));
        assertEquals(0, run("resume", study.toString()), lastOutput);
        assertSameAsReference(study);
    }

    @Test
    void ctrlCStopsCleanlyToo() throws Exception {
        Path study = dir.resolve("interrupted");
        Path log = dir.resolve("interrupted.log");
        Process p = ChildStudy.start(log, "search", spaceFile.toString(), "--out", study.toString());
        ChildStudy.awaitJournal(p, study, 2);
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the process ends after SIGINT");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("continue with: plateau resume " + study), out);
        assertEquals(0, run("status", study.toString()));
        assertTrue(lastOutput.contains(": stopped"), lastOutput);
    }

    @Test
    void aBudgetEndsTheRunInTimeAndResumeFinishesIt() throws Exception {
        Path study = dir.resolve("budget");
        long start = System.nanoTime();
        assertEquals(0, run("search", spaceFile.toString(), "--out", study.toString(), "--budget", "2s"));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(lastOutput.contains("time budget is used up") && lastOutput.contains("plateau resume"), lastOutput);
        double longest = SearchEndToEndTest.read(study.resolve("candidates.csv")).stream()
                .mapToDouble(r -> Double.parseDouble(r.get("total_seconds"))).max().orElse(0);
        // data preparation (< 1 s here) + 2 s budget + at most one candidate per worker still running
        assertTrue(seconds < 2 + longest + 3, "run took " + seconds + " s, longest candidate " + longest + " s");
        assertTrue(SearchEndToEndTest.read(study.resolve("candidates.csv")).size()
                < SearchEndToEndTest.read(reference.resolve("candidates.csv")).size());
        assertEquals(0, run("resume", study.toString()), lastOutput);
        assertSameAsReference(study);
    }

    @Test
    void failingCandidatesAreRecordedAndMaxFailuresEndsTheStudy() throws Exception {
        Path space = dir.resolve("failing.yaml");
        Files.writeString(space, SPACE.replace("families: [mlp]", "families: [cnn]\n  conv_layers: {min: 2, max: 2}\n  conv_kernels: [7]"));
        Path study = dir.resolve("failing");
        assertEquals(StudyRun.TOO_MANY_FAILURES, run("search", space.toString(), "--out", study.toString(), "--max-failures", "3"));
        assertTrue(lastOutput.contains("3 candidates failed in this run (--max-failures 3)"), lastOutput);
        assertTrue(lastOutput.contains("does not fit"), "the last reason is shown: " + lastOutput);
        var rows = SearchEndToEndTest.read(study.resolve("candidates.csv"));
        assertTrue(rows.size() >= 3 && rows.size() < 10, "stopped early: " + rows.size());
        for (var r : rows) {
            assertEquals("failed", r.get("status"));
            assertTrue(r.get("failure").contains("kernel 7x7 does not fit"), r.get("failure"));
        }
    }

    @Test
    void aCandidateTimeoutIsAFailureNotAnEndOfTheStudy() throws Exception {
        Path study = dir.resolve("timeouts");
        assertEquals(0, run("search", spaceFile.toString(), "--out", study.toString(), "--candidate-timeout", "1ms"));
        var rows = SearchEndToEndTest.read(study.resolve("candidates.csv"));
        assertFalse(rows.isEmpty());
        for (var r : rows) assertTrue(r.get("failure").startsWith("timeout"), r.get("failure"));
        assertTrue(lastOutput.contains("done:"), lastOutput);
    }
}
