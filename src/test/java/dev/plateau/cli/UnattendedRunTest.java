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
import dev.plateau.exec.CrashIsolation;
import dev.plateau.store.CrashLog;
import dev.plateau.store.InFlightFile;
import dev.plateau.supervise.Supervisor;
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

        // without the supervisor: each kill ends the study, and the user resumes it
        Process p = ChildStudy.start(log, "search", spaceFile.toString(), "--out", study.toString(), "--max-restarts", "0");
        ChildStudy.awaitJournal(p, study, 3);
        p.destroyForcibly().waitFor();  // SIGKILL in generation 1

        p = ChildStudy.start(log, "resume", study.toString(), "--max-restarts", "0");
        ChildStudy.awaitJournal(p, study, total / 2);
        p.destroyForcibly().waitFor();  // SIGKILL in a later generation

        assertEquals(0, run("status", study.toString()));
        assertTrue(lastOutput.contains("interrupted (process"), lastOutput);

        p = ChildStudy.start(log, "resume", study.toString(), "--max-restarts", "0");
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

        // per-result provenance: both runs with their command lines, every journal line and model card with its code version
        var provenance = new com.fasterxml.jackson.databind.ObjectMapper().readTree(study.resolve("provenance.json").toFile());
        assertEquals(List.of("search", spaceFile.toString(), "--out", study.toString()),
                new com.fasterxml.jackson.databind.ObjectMapper().convertValue(provenance.get("commandLine"), List.class));
        assertEquals(2, provenance.get("runs").size());
        assertEquals("resume", provenance.get("runs").get(1).get("commandLine").get(0).asText());
        String version = dev.plateau.CodeVersion.current();
        assertTrue(version.matches("[0-9a-f]{40}(-dirty)?"), "a build from a git checkout knows its commit: " + version);
        for (String line : Files.readAllLines(study.resolve("journal.jsonl"))) assertTrue(line.endsWith(",\"codeVersion\":\"" + version + "\"}"), line);
        try (var cards = Files.list(study.resolve("models"))) {
            for (Path card : cards.filter(f -> f.toString().endsWith(".model-card.json")).toList())
                assertTrue(Files.readString(card).contains("\"codeVersion\" : \"" + version + "\""), card.toString());
        }
        assertEquals(0, run("status", study.toString()));
        assertTrue(lastOutput.contains("code version " + version), lastOutput);
        // a study continued by other code says so
        Path journal = study.resolve("journal.jsonl");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(journal));
        lines.set(0, lines.get(0).replace(version, "0123456789012345678901234567890123456789"));
        Files.write(journal, lines);
        assertEquals(0, run("status", study.toString()));
        assertTrue(lastOutput.contains("results mix 2 code versions: 0123456789012345678901234567890123456789 (1 instances), "
                + version + " (" + (lines.size() - 1) + " instances)"), lastOutput);
    }

    /** Whether this process inherited SIGINT as ignored (a background job of a shell without job control): then no JVM it starts can handle it. */
    static boolean sigintIgnored() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status")))
            if (line.startsWith("SigIgn:")) return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (2 - 1))) != 0;
        return false;
    }

    @Test
    void ctrlCStopsCleanlyToo() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(sigintIgnored(), "SIGINT is ignored in this environment, so no JVM started here can receive it");
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

    /** Waits until the study process runs instances and none of them was running in an earlier crash. */
    static void awaitUnsuspectedWork(Process supervisor, Path study, ProcessHandle child, long journalLines) throws Exception {
        ChildStudy.awaitJournal(supervisor, study, journalLines);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            Set<String> suspects = new HashSet<>();
            CrashLog.read(study).forEach(c -> suspects.addAll(c.inFlight()));
            List<String> running = InFlightFile.of(study, child.pid());
            if (!running.isEmpty() && running.stream().noneMatch(suspects::contains)) return;
            assertTrue(child.isAlive(), "the study process ended before it could be killed");
            Thread.sleep(5);
        }
        throw new AssertionError("no unsuspected instance ran");
    }

    static void signal(ProcessHandle process, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor());
        process.onExit().get(60, TimeUnit.SECONDS);
    }

    @Test
    void theSupervisorRestartsAStudyKilledThreeTimesAndTheResultEqualsTheUninterruptedRun() throws Exception {
        Path study = dir.resolve("healed");
        Path log = dir.resolve("healed.log");
        Process supervisor = ChildStudy.start(log, "search", spaceFile.toString(), "--out", study.toString());
        java.util.Random moments = new java.util.Random(23);
        List<String> signals = List.of("KILL", "ABRT", "SEGV");  // the OOM killer, an abort in native code, a segfault
        for (String signal : signals) {
            ProcessHandle child = ChildStudy.studyProcess(supervisor);
            awaitUnsuspectedWork(supervisor, study, child, ChildStudy.journalLines(study) + 1 + moments.nextInt(4));
            signal(child, signal);
        }
        assertTrue(supervisor.waitFor(300, TimeUnit.SECONDS), "the supervised study ends");
        String out = Files.readString(log);
        assertEquals(0, supervisor.exitValue(), out);
        assertEquals(3, out.split("restarting from the journal", -1).length - 1, out);
        assertSameAsReference(study);

        List<CrashLog.Crash> crashes = CrashLog.read(study);
        assertEquals(3, crashes.size());
        assertTrue(crashes.stream().allMatch(c -> c.restarted() && !c.inFlight().isEmpty()), crashes.toString());
        assertTrue(crashes.get(0).cause().startsWith("killed by SIGKILL"), crashes.get(0).cause());
        assertTrue(crashes.get(1).cause().startsWith("killed by SIGABRT"), crashes.get(1).cause());
        assertTrue(crashes.get(2).cause().startsWith("SIGSEGV (sent by kill)"), crashes.get(2).cause());
        assertTrue(Files.exists(study.resolve(crashes.get(2).errorReport())), "the HotSpot report is in the study folder");
        try (var stray = Files.list(Path.of("."))) {
            assertTrue(stray.noneMatch(f -> f.getFileName().toString().equals("hs_err_pid" + crashes.get(2).pid() + ".log")));
        }
        assertEquals(0, run("status", study.toString()));
        assertTrue(lastOutput.contains("3 restarts after 3 process deaths") && lastOutput.contains("SIGABRT"), lastOutput);
    }

    /** The key of an instance trained in the reference run's first generation. */
    static String instanceOfFirstGeneration() throws Exception {
        var row = SearchEndToEndTest.read(reference.resolve("candidates.csv")).get(2);
        return row.get("config_id") + "-s" + row.get("seed");
    }

    @Test
    void aCandidateThatCrashesTheProcessTwiceIsRecordedAsANativeCrash() throws Exception {
        String victim = instanceOfFirstGeneration();
        List<String> crashOnVictim = List.of("-D" + CrashIsolation.CRASH_ON_PROPERTY + "=" + victim);
        Path study = dir.resolve("native-crash");
        Path log = dir.resolve("native-crash.log");
        // one restart allowed: the victim crashes beside another instance, then alone; the supervisor gives up
        Process supervisor = ChildStudy.start(log, crashOnVictim, "search", spaceFile.toString(), "--out", study.toString(), "--max-restarts", "1");
        assertTrue(supervisor.waitFor(300, TimeUnit.SECONDS), "the supervisor ends");
        String out = Files.readString(log);
        assertEquals(Supervisor.GAVE_UP, supervisor.exitValue(), out);
        assertTrue(out.contains("after 1 restarts (--max-restarts 1); continue with: plateau resume " + study), out);
        List<CrashLog.Crash> crashes = CrashLog.read(study);
        assertEquals(List.of(true, false), crashes.stream().map(CrashLog.Crash::restarted).toList());
        assertTrue(crashes.get(0).inFlight().contains(victim), crashes.toString());
        assertEquals(List.of(victim), crashes.get(1).inFlight(), "a suspect runs alone, so the second crash names it");
        assertTrue(crashes.get(0).cause().startsWith("SIGSEGV in") && crashes.get(0).cause().contains("Unsafe"), crashes.get(0).cause());

        // resumed under the supervisor: the victim is not trained a third time but recorded as a native crash
        supervisor = ChildStudy.start(log, crashOnVictim, "resume", study.toString());
        assertTrue(supervisor.waitFor(300, TimeUnit.SECONDS), "the supervised study ends");
        assertEquals(0, supervisor.exitValue(), Files.readString(log));
        assertEquals(2, CrashLog.read(study).size(), "no further crash");
        var rows = SearchEndToEndTest.read(study.resolve("candidates.csv"));
        for (var r : rows) {
            boolean isVictim = (r.get("config_id") + "-s" + r.get("seed")).equals(victim);
            assertEquals(isVictim ? "failed" : "ok", r.get("status"), r.toString());
            if (isVictim) assertEquals(CrashIsolation.NATIVE_CRASH, r.get("failure"));
        }
        assertTrue(Files.readString(study.resolve("status.json")).contains("\"finished\""));
    }

    @Test
    void killingTheSupervisorStopsTheStudyCleanly() throws Exception {
        Path study = dir.resolve("orphan");
        Path log = dir.resolve("orphan.log");
        Process supervisor = ChildStudy.start(log, "search", spaceFile.toString(), "--out", study.toString());
        ProcessHandle child = ChildStudy.studyProcess(supervisor);
        ChildStudy.awaitJournal(supervisor, study, 3);
        supervisor.destroyForcibly().waitFor();
        child.onExit().get(90, TimeUnit.SECONDS);
        assertTrue(Files.readString(study.resolve("status.json")).contains("\"stopped\""), Files.readString(log));
        assertEquals(0, run("resume", study.toString()), lastOutput);
        assertSameAsReference(study);
    }
}
