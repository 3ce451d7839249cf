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
        if (!Files.isRegularFile(dir.resolve("study.yaml")))
            throw InputException.at(dir, 0, null, "not a study folder (no study.yaml)", "name a folder written by 'plateau search' or 'plateau validate'");
        Study study = StudyReader.read(dir);
        PrintWriter out = spec.commandLine().getOut();
        if (study.status() != null) search(study, out);
        else if (study.validation() != null) validation(study, out);
        else throw InputException.at(dir, 0, null, "not a study folder (no status.json or validation.json)",
                    "name a folder written by 'plateau search' or 'plateau validate'");
        codeVersionsAndCrashes(study, out);
        return 0;
    }

    private void search(Study study, PrintWriter out) {
        StudyStatus s = study.status();
        String state = s.state().label();
        if (s.state() == StudyStatus.State.RUNNING && ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false))
            state = "running (pid " + s.pid() + ")";
        else if (s.state() == StudyStatus.State.RUNNING)
            state = "interrupted (process " + s.pid() + " is gone); continue with: plateau resume " + dir;
        out.printf("study %s: %s%n", dir, state);
        out.printf("  generation %d of %d, %d candidates in tables (%d failed), %d instances journaled, Pareto archive %d%n",
                s.generation(), s.generations(), s.candidates(), s.failed(), study.entries().size(), s.archive());
        out.printf("  started %s, updated %s%n", s.started(), s.updated());
        out.printf("  %s%n", s.message());
    }

    /** A validation folder: how much of its population is journaled, and how it ended. */
    private void validation(Study study, PrintWriter out) {
        var plan = study.validation();
        int planned = plan.configurations() * plan.instances();
        var results = study.results();
        var byOutcome = new java.util.TreeMap<String, Integer>();
        results.values().forEach(r -> byOutcome.merge(r.outcome().label(), 1, Integer::sum));
        out.printf("validation %s: %d of %d instances journaled (%d configurations x %d instances, %d draws)%s%n", dir, results.size(),
                planned, plan.configurations(), plan.instances(), plan.draws(),
                results.size() >= planned ? "; population.csv and correlations.csv are written" : "; run the same validate command to continue");
        if (!byOutcome.isEmpty()) out.printf("  outcomes: %s%n", byOutcome);
    }

    private void codeVersionsAndCrashes(Study study, PrintWriter out) {
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
    }
}
