package dev.plateau.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real command line in a separate JVM, so tests can kill it the way a crash or a user would. */
public final class ChildStudy {
    private ChildStudy() {}

    static Process start(Path log, String... args) throws IOException { return start(log, List.of(), args); }

    /** Starts {@code plateau args} (through {@code main}, so under the supervisor unless --max-restarts 0) with extra JVM options. */
    public static Process start(Path log, List<String> jvmOptions, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path")));
        cmd.addAll(jvmOptions);
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cache != null) cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + cache);
        cmd.add(PlateauCommand.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    /** The supervised study process: the only child of a supervisor (waits for it to start). */
    static ProcessHandle studyProcess(Process supervisor) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            var children = supervisor.children().toList();
            if (children.size() == 1) return children.get(0);
            if (!supervisor.isAlive()) throw new AssertionError("the supervisor ended");
            Thread.sleep(20);
        }
        throw new AssertionError("no study process under the supervisor");
    }

    public static long journalLines(Path dir) throws IOException {
        Path j = dir.resolve("journal.jsonl");
        if (!Files.exists(j)) return 0;
        return new String(Files.readAllBytes(j)).chars().filter(c -> c == '\n').count();
    }

    /** Waits until the journal has at least {@code lines} complete lines; fails if the child ends first. */
    public static void awaitJournal(Process p, Path dir, long lines) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (journalLines(dir) < lines) {
            if (!p.isAlive()) throw new AssertionError("the study ended before its journal had " + lines + " lines");
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + lines + " journal lines");
            Thread.sleep(20);
        }
    }
}
