package dev.plateau.cli;

import dev.plateau.InputException;
import dev.plateau.model.runtime.NativeRace;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plateau bench native-race}: the garbage-collection race inside ND4J's native calls, provoked
 * on purpose (docs/benchmarks.md, "Native crashes"). Run it with
 * {@code PLATEAU_JAVA_OPTS=-Dopexec=org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner} to see the
 * stock executioner crash.
 */
@Command(name = "native-race", mixinStandardHelpOptions = true,
        description = "Broadcast ops on fresh arrays under constant garbage collection: crashes ND4J's stock executioner, not Plateau's.")
final class NativeRaceBenchmark implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "60", description = "how long to run (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--threads", defaultValue = "2", description = "threads running ops (default: ${DEFAULT-VALUE})")
    int threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || threads < 1) throw InputException.ofOption("--seconds/--threads", "must be at least 1", "use e.g. --seconds 60 --threads 2");
        var out = spec.commandLine().getOut();
        out.printf("native-race: %d threads for %d s with %s%n", threads, seconds, Nd4j.getExecutioner().getClass().getName());
        out.flush();
        long ops = NativeRace.run(Duration.ofSeconds(seconds), threads);
        out.printf("native-race: %d ops, no crash%n", ops);
        return 0;
    }
}
