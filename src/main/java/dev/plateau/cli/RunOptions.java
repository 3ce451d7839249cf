package dev.plateau.cli;

import dev.plateau.InputException;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options shared by {@code search} and {@code resume}: how long and how hard this run may work. */
final class RunOptions {
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

    void validate() {
        if (workers != null && (workers < 0 || workers > 1024))
            throw InputException.ofOption("--workers", "must be between 0 and 1024, got " + workers, "0 means one per core");
        if (maxFailures < 0) throw InputException.ofOption("--max-failures", "must be >= 0, got " + maxFailures, "0 means no limit");
    }

    int workers(int fromSpace) {
        int n = workers != null ? workers : fromSpace;
        return n == 0 ? Runtime.getRuntime().availableProcessors() : n;
    }
}
