package dev.plateau.cli;

import dev.plateau.InputException;
import dev.plateau.data.CaloCsvWriter;
import dev.plateau.data.CaloDetector;
import dev.plateau.data.CaloShowerGenerator;
import dev.plateau.data.CaloShowers;
import dev.plateau.space.CaloVariant;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plateau data calo}: writes simulated calorimeter showers as CSV (design §6); {@code data inspect}: {@link DataInspectCommand}. */
@Command(name = "data", description = "Generate or inspect data sets.", mixinStandardHelpOptions = true,
        subcommands = {DataCommand.Calo.class, DataInspectCommand.class})
final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    @Command(name = "calo", mixinStandardHelpOptions = true,
            description = "Simulate photon showers in a 15x15 Shashlik-like calorimeter and write them as CSV.")
    static final class Calo implements Callable<Integer> {
        @Option(names = "--variant", defaultValue = "A", description = "A: flat 1-100 GeV, normal incidence; B: falling spectrum, angles within +-0.31 rad (default: ${DEFAULT-VALUE})")
        String variant;

        @Option(names = "--events", defaultValue = "10000", description = "number of showers (default: ${DEFAULT-VALUE})")
        int events;

        @Option(names = "--seed", defaultValue = "1", description = "random seed, >= 1 (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--out", required = true, description = "CSV file to write")
        Path out;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            CaloVariant v;
            try {
                v = CaloVariant.parse(variant);
            } catch (IllegalArgumentException e) {
                throw InputException.ofOption("--variant", "'" + variant + "' is not a variant", "use A or B");
            }
            if (events < 1) throw InputException.ofOption("--events", "must be at least 1, got " + events, "use e.g. 10000");
            if (seed < 1) throw InputException.ofOption("--seed", "must be at least 1, got " + seed, "use e.g. 1");
            CaloShowers showers = new CaloShowerGenerator(CaloDetector.shashlik()).generate(v, events, seed);
            CaloCsvWriter.write(showers, out);
            spec.commandLine().getOut().printf("wrote %d variant-%s showers to %s%n", events, v, out);
            return 0;
        }
    }
}
