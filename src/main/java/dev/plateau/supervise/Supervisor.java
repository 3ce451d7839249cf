package dev.plateau.supervise;

import dev.plateau.store.CrashLog;
import dev.plateau.store.InFlightFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a study command in a child JVM and starts it again from the journal when that JVM dies by a
 * signal or a fatal error (a native crash in libnd4j, the kernel's OOM killer, a stray kill -9), so
 * an unattended night is not lost to one crash. Each death is logged with its cause into the study
 * folder ({@code crashes.jsonl}, the HotSpot error report moved to {@code crashes/}); the instances
 * that were running are retrained with the same seeds, alone (see {@link dev.plateau.exec.CrashIsolation}),
 * so the finished folder equals that of an uninterrupted run. Normal ends — success, a user error,
 * {@code --max-failures}, a clean stop on SIGINT/SIGTERM — are passed through with their exit code.
 *
 * <p>The supervisor itself never loads ND4J: it only starts processes, waits and moves files.
 */
public final class Supervisor {
    /** Set in the child's environment: the file into which the child writes its study folder. */
    public static final String STUDY_FILE_ENV = "PLATEAU_SUPERVISOR_STUDY_FILE";
    /** Exit code when the study process died more often than {@code --max-restarts} allows. */
    public static final int GAVE_UP = 4;
    private static final long RESTART_DELAY_MILLIS = 2_000;
    private static final long STOP_GRACE_SECONDS = 90;
    private static final Map<Integer, String> SIGNALS = Map.of(4, "SIGILL", 6, "SIGABRT", 7, "SIGBUS", 8, "SIGFPE", 9, "SIGKILL",
            11, "SIGSEGV", 15, "SIGTERM", 2, "SIGINT", 1, "SIGHUP");

    /** The command that continues a study after its process died, given its folder and the budget left (null: none). */
    public interface Continuation {
        List<String> args(Path studyDir, Duration remainingBudget);
    }

    private final String mainClass;
    private final int maxRestarts;
    private final Duration budget;
    private final PrintWriter err;
    private final Object lock = new Object();
    private Process child;
    private boolean stopping;

    /**
     * @param mainClass   the class whose {@code main} runs the command in the child
     * @param maxRestarts restarts allowed for this command (≥ 1)
     * @param budget      the command's wall-time budget, or null; a restart gets what is left of it
     */
    public Supervisor(String mainClass, int maxRestarts, Duration budget, PrintWriter err) {
        this.mainClass = mainClass;
        this.maxRestarts = maxRestarts;
        this.budget = budget;
        this.err = err;
    }

    /** Called by the child once it knows its study folder; does nothing when no supervisor runs it. */
    public static void announceStudy(Path dir) {
        String file = System.getenv(STUDY_FILE_ENV);
        if (file == null) return;
        try {
            Files.writeString(Path.of(file), dir.toAbsolutePath().normalize().toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tell the supervisor the study folder", e);
        }
    }

    /**
     * In the child: when the supervisor dies (kill -9 on it), stop as on SIGTERM — cleanly, resumable —
     * rather than run on unsupervised beside a study the user believes stopped.
     */
    public static void stopWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(143)));
    }

    /** Runs {@code args} in a child JVM until it ends normally, restarting it with {@code continuation} after a crash. */
    public int run(List<String> args, Continuation continuation) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("plateau-supervisor");
        Path studyFile = work.resolve("study-folder");
        long start = System.nanoTime();
        Thread onSignal = new Thread(this::stopChild, "plateau-supervisor-signal");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            List<String> current = args;
            for (int restarts = 0; ; restarts++) {
                Process p = start(current, work, studyFile);
                if (p == null) return 0;  // a signal arrived first; the hook ends the process
                int code = p.waitFor();
                synchronized (lock) {
                    if (stopping || code < 128) return code;
                }
                Path dir = Files.exists(studyFile) ? Path.of(Files.readString(studyFile, StandardCharsets.UTF_8)) : null;
                Duration left = budget == null ? null : budget.minusNanos(System.nanoTime() - start);
                boolean restart = restarts < maxRestarts && (left == null || !left.isNegative());
                String cause = record(p.pid(), code, dir, work, restart);
                if (dir == null) {
                    err.printf("plateau: the study process died before it opened its folder (%s)%n", cause);
                    return code;
                }
                if (!restart) {
                    err.printf("plateau: the study process died (%s)%s; continue with: plateau resume %s%n", cause,
                            restarts >= maxRestarts ? " after " + restarts + " restarts (--max-restarts " + maxRestarts + ")"
                                    : " and the time budget is used up", dir);
                    return restarts >= maxRestarts ? GAVE_UP : 0;
                }
                err.printf("plateau: the study process died (%s); restarting from the journal (restart %d of at most %d)%n",
                        cause, restarts + 1, maxRestarts);
                err.flush();
                Thread.sleep(RESTART_DELAY_MILLIS);
                current = continuation.args(dir, left);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for the child and ends the process with its code
            }
            deleteQuietly(work);
        }
    }

    private Process start(List<String> args, Path work, Path studyFile) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments())
            if (!a.startsWith("-XX:ErrorFile=")) cmd.add(a);
        cmd.add("-XX:ErrorFile=" + work.resolve("hs_err_pid%p.log"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put(STUDY_FILE_ENV, studyFile.toString());
        synchronized (lock) {
            if (stopping) return null;
            child = pb.start();
            return child;
        }
    }

    /** SIGINT/SIGTERM to the supervisor: pass SIGTERM on, wait for the child's clean stop, exit with its code. */
    private void stopChild() {
        Process p;
        synchronized (lock) {
            stopping = true;
            p = child;
        }
        if (p == null) return;
        p.destroy();
        try {
            if (p.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) Runtime.getRuntime().halt(p.exitValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Logs one death into the study folder and returns its cause in words. */
    private String record(long pid, int code, Path dir, Path work, boolean restarted) throws IOException {
        Path report = work.resolve("hs_err_pid" + pid + ".log");
        String cause = Files.exists(report) ? ErrorReport.cause(report) : "";
        String signal = SIGNALS.getOrDefault(code - 128, "signal " + (code - 128));
        cause = cause.isEmpty() ? "killed by " + signal + ", exit code " + code : cause;
        if (dir == null) return cause;
        String moved = null;
        if (Files.exists(report)) {
            Path target = dir.resolve("crashes").resolve(report.getFileName());
            Files.createDirectories(target.getParent());
            Files.move(report, target, StandardCopyOption.REPLACE_EXISTING);
            moved = dir.relativize(target).toString();
        }
        List<String> running = InFlightFile.of(dir, pid);
        String time = DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
        CrashLog.append(dir, new CrashLog.Crash(time, pid, code, cause, moved, running, restarted));
        Path log = dir.resolve("plateau.log");
        if (Files.exists(log))
            Files.writeString(log, String.format("%s ERROR Supervisor - study process %d died: %s; running: %s; %s%n", time, pid, cause,
                    running.isEmpty() ? "none" : String.join(", ", running), restarted ? "restarting" : "not restarting"),
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return cause + (moved == null ? "" : "; report: " + dir.resolve(moved));
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; nothing of the study is in it
        }
    }
}
