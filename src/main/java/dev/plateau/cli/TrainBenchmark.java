package dev.plateau.cli;

import dev.plateau.InputException;
import dev.plateau.bench.TrainingThroughput;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plateau bench train}: training throughput of the reference models ({@link TrainingThroughput}).
 * Prints {@code <model> threads=<n> samples_per_s=<median>} per model; {@code src/bench/torch_reference.py}
 * prints the same for PyTorch.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Training throughput of the reference CNN and MLP (compare with src/bench/torch_reference.py).")
final class TrainBenchmark implements Callable<Integer> {
    @Option(names = "--epochs", description = "epochs per model; the first is warm-up (default: ${DEFAULT-VALUE})")
    int epochs = 5;

    @Option(names = "--concurrent", description = "networks trained at once, one per Java thread (default: ${DEFAULT-VALUE})")
    int concurrent = 1;

    @Option(names = "--stock", description = "DL4J's stock convolution, pooling and dense layers instead of Plateau's")
    boolean stock;

    @Option(names = "--models", split = ",", description = "calo_cnn, mlp (default: both)")
    List<String> models = TrainingThroughput.MODELS;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (epochs < 2) throw InputException.ofOption("--epochs", "must be at least 2 (one warm-up, one measured), got " + epochs, "use e.g. 5");
        if (concurrent < 1) throw InputException.ofOption("--concurrent", "must be at least 1, got " + concurrent, "use 1 or 2");
        for (String name : models)
            if (!TrainingThroughput.MODELS.contains(name))
                throw InputException.ofOption("--models", "'" + name + "' is not a reference model", "use " + String.join(", ", TrainingThroughput.MODELS));
        var out = spec.commandLine().getOut();
        for (String name : models) {
            TrainingThroughput.Measurement m = TrainingThroughput.measure(name, concurrent, epochs, stock);
            String threads = "threads=" + System.getenv().getOrDefault("OMP_NUM_THREADS", "?") + (concurrent > 1 ? " concurrent=" + concurrent : "");
            out.printf(Locale.ROOT, "%s %s samples_per_s=%.0f%s gflops=%.1f%n", name, threads, m.samplesPerSecond(), stock ? " layers=stock" : "", m.gflops());
            out.flush();
        }
        return 0;
    }
}
