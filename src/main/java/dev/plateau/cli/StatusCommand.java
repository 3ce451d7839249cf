package dev.plateau.cli;

import dev.plateau.InputException;
import dev.plateau.store.CrashLog;
import dev.plateau.store.Journal;
import dev.plateau.store.StudyStatus;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code plateau status DIR}: what a running or finished study has done. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Summarise a running or finished study.")
final class StatusCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "study folder")
    Path dir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(dir.resolve("status.json")))
            throw InputException.at(dir, 0, null, "not a study folder (no status.json)", "name a folder written by 'plateau search'");
        StudyStatus s = StudyStatus.read(dir);
        long journaled = Files.exists(dir.resolve("journal.jsonl")) ? Journal.open(dir.resolve("journal.jsonl")).entries().size() : 0;
        String state = s.state();
        if (state.equals(StudyStatus.RUNNING) && ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false))
            state = "running (pid " + s.pid() + ")";
        else if (state.equals(StudyStatus.RUNNING))
            state = "interrupted (process " + s.pid() + " is gone); continue with: plateau resume " + dir;
        PrintWriter out = spec.commandLine().getOut();
        out.printf("study %s: %s%n", dir, state);
        out.printf("  generation %d of %d, %d candidates in tables (%d failed), %d instances journaled, Pareto archive %d%n",
                s.generation(), s.generations(), s.candidates(), s.failed(), journaled, s.archive());
        out.printf("  started %s, updated %s%n", s.started(), s.updated());
        out.printf("  %s%n", s.message());
        var crashes = CrashLog.read(dir);
        if (!crashes.isEmpty()) {
            long restarts = crashes.stream().filter(CrashLog.Crash::restarted).count();
            out.printf("  %d restart%s after %d process death%s:%n", restarts, restarts == 1 ? "" : "s", crashes.size(), crashes.size() == 1 ? "" : "s");
            for (CrashLog.Crash c : crashes)
                out.printf("    %s pid %d: %s; running: %s%s%n", c.time(), c.pid(), c.cause(),
                        c.inFlight().isEmpty() ? "none" : String.join(", ", c.inFlight()),
                        c.errorReport() == null ? "" : "; report " + dir.resolve(c.errorReport()));
        }
        return 0;
    }
}
