package dev.plateau.cli;

import dev.plateau.InputException;
import dev.plateau.exec.Engines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by {@code search} and {@code resume}: how long and how hard this run may work. */
final class RunOptions {
    @Option(names = "--max-restarts", paramLabel = "N", defaultValue = "" + SupervisedLaunch.DEFAULT_MAX_RESTARTS,
            description = "restart the study from its journal up to N times when its process crashes (default: ${DEFAULT-VALUE}; 0: no supervisor)")
    int maxRestarts = SupervisedLaunch.DEFAULT_MAX_RESTARTS;

    @Option(names = "--workers", paramLabel = "N", description = "candidates trained at once (default: the space's, 0 = one per core)")
    Integer workers;

    @Option(names = "--budget", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "wall time for this run, e.g. 8h or 90m; no candidate starts after it, outputs are written, and 'plateau resume' continues")
    Duration budget;

    @Option(names = "--max-failures", paramLabel = "N", defaultValue = "0",
            description = "end the run when N candidates have failed in it (default: no limit)")
    int maxFailures;

    @Option(names = "--candidate-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "a candidate whose training takes longer fails with reason 'timeout'")
    Duration candidateTimeout;

    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
            description = "where candidates train: local (this machine's threads) or spark (an Apache Spark application; default: ${DEFAULT-VALUE})")
    String engine = "local";

    @Option(names = "--master", paramLabel = "URL",
            description = "the Spark master: local[N], local-cluster[EXECUTORS,CORES,MB], spark://HOST:PORT, yarn (default: spark-submit's, else local[workers])")
    String master;

    @Option(names = "--verify", paramLabel = "auto|on|off", defaultValue = "auto",
            description = "full noise testing of the final Pareto set: auto (when it costs at most 20 %% of the study's training work), on, off "
                    + "(default: ${DEFAULT-VALUE})")
    String verify = "auto";

    /** The engine this run asked for (checked). */
    Engines.Choice engine() { return new Engines.Choice(engine, master); }

    void validate() {
        Engines.check(engine());
        if (!List.of("auto", "on", "off").contains(verify))
            throw InputException.ofOption("--verify", "must be auto, on or off, got '" + verify + "'", "use e.g. --verify off");
        if (workers != null && (workers < 0 || workers > 1024))
            throw InputException.ofOption("--workers", "must be between 0 and 1024, got " + workers, "0 means one per core");
        SupervisedLaunch.checkMaxRestarts(maxRestarts);
        if (maxFailures < 0) throw InputException.ofOption("--max-failures", "must be >= 0, got " + maxFailures, "0 means no limit");
    }

    /** These options as flags for a run that continues this one, with {@code budget} left (null: none). */
    List<String> continuationFlags(Duration budget) {
        List<String> flags = new ArrayList<>();
        if (workers != null) flags.addAll(List.of("--workers", workers.toString()));
        if (budget != null) flags.addAll(List.of("--budget", SupervisedLaunch.seconds(budget)));
        if (maxFailures > 0) flags.addAll(List.of("--max-failures", Integer.toString(maxFailures)));
        if (candidateTimeout != null) flags.addAll(List.of("--candidate-timeout", SupervisedLaunch.seconds(candidateTimeout)));
        if (!verify.equals("auto")) flags.addAll(List.of("--verify", verify));
        if (!engine.equals(Engines.LOCAL)) flags.addAll(List.of("--engine", engine));
        if (master != null) flags.addAll(List.of("--master", master));
        return flags;
    }

    int workers(int fromSpace) {
        int n = workers != null ? workers : fromSpace;
        return n == 0 ? Runtime.getRuntime().availableProcessors() : n;
    }
}
