package dev.plateau.cli;

import dev.plateau.InputException;
import dev.plateau.store.CrashLog;
import dev.plateau.store.Study;
import dev.plateau.store.StudyReader;
import dev.plateau.store.Provenance;
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
        Study study = StudyReader.read(dir);
        StudyStatus s = study.status();
        long journaled = study.entries().size();
        String state = s.state().label();
        if (s.state() == StudyStatus.State.RUNNING && ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false))
            state = "running (pid " + s.pid() + ")";
        else if (s.state() == StudyStatus.State.RUNNING)
            state = "interrupted (process " + s.pid() + " is gone); continue with: plateau resume " + dir;
        PrintWriter out = spec.commandLine().getOut();
        out.printf("study %s: %s%n", dir, state);
        out.printf("  generation %d of %d, %d candidates in tables (%d failed), %d instances journaled, Pareto archive %d%n",
                s.generation(), s.generations(), s.candidates(), s.failed(), journaled, s.archive());
        out.printf("  started %s, updated %s%n", s.started(), s.updated());
        out.printf("  %s%n", s.message());
        var byVersion = study.instancesByCodeVersion();
        if (byVersion.size() > 1) {
            StringBuilder sb = new StringBuilder();
            byVersion.forEach((v, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(v).append(" (").append(n).append(" instances)"));
            out.printf("  results mix %d code versions: %s%n", byVersion.size(), sb);
        } else if (byVersion.size() == 1) out.printf("  code version %s%n", byVersion.keySet().iterator().next());
        if (study.provenance() != null) {
            Provenance provenance = study.provenance();
            var versions = provenance.codeVersions();
            if (versions.size() > 1)
                out.printf("  %d runs by %d code versions: %s%n", provenance.runs().size(), versions.size(), String.join(", ", versions));
        }
        var crashes = study.crashes();
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
