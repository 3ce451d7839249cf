package dev.plateau.cli;

import dev.plateau.InputException;
import dev.plateau.data.CaloCsvWriter;
import dev.plateau.data.CaloDetector;
import dev.plateau.data.CaloShowerGenerator;
import dev.plateau.data.CaloShowers;
import dev.plateau.data.DataCheck;
import dev.plateau.data.DataCheckReport;
import dev.plateau.data.DataWarning;
import dev.plateau.space.CaloVariant;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchSpaceLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plateau data calo}: writes simulated calorimeter showers as CSV (design §6).
 * {@code plateau data check}: checks a search space's data as a search loads it ({@link DataCheck}).
 * {@code plateau data inspect}: a file's columns and a dataset block to start from ({@link DataInspectCommand}).
 */
@Command(name = "data", description = "Generate, inspect or check data sets.", mixinStandardHelpOptions = true,
        subcommands = {DataCommand.Calo.class, DataCommand.Check.class, DataInspectCommand.class})
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

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check a search space's data as a search loads it: each column's type, range and missing values, "
                    + "and warnings for identifier, constant and duplicate columns, single-feature leaks, rare classes, "
                    + "validation/test rows that repeat training rows, and splits too small to measure on.",
                    "A search runs the same check when it starts and writes it to data-check.json."})
    static final class Check implements Callable<Integer> {
        private static final Logger LOG = LogManager.getLogger(Check.class);

        @Parameters(index = "0", paramLabel = "SPACE.yaml", description = "search-space file")
        Path spaceFile;

        @Option(names = "--strict", description = "treat warnings as errors: exit with code 2 when there is one")
        boolean strict;

        @Option(names = "--json", description = "print the report as data-check.json has it, instead of the text")
        boolean json;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            DataCheckReport report = DataCheck.of(SearchSpaceLoader.load(spaceFile));
            PrintWriter out = spec.commandLine().getOut();
            if (json) out.print(report.toJson());
            else {
                report.columnTable().forEach(out::println);
                report.summary().forEach(out::println);
            }
            out.flush();
            if (strict && !report.warnings().isEmpty()) {
                DataWarning first = report.warnings().get(0);
                int n = report.warnings().size();
                throw InputException.at(spaceFile, 0, first.column(),
                        (n == 1 ? "data warning under --strict: " : n + " data warnings under --strict, the first: ") + first.problem(), first.fix());
            }
            return 0;
        }

        /**
         * What a search does when it starts: the check printed, logged and written to the study folder
         * ({@value DataCheckReport#FILE}). Warnings never stop a search, nor does a failure of the check itself.
         */
        static void atSearchStart(SearchSpace space, Path studyDir, PrintWriter console) {
            try {
                DataCheckReport report = DataCheck.of(space);
                Files.writeString(studyDir.resolve(DataCheckReport.FILE), report.toJson());
                report.summary().forEach(console::println);
                report.warnings().forEach(w -> LOG.info("data check: {}", w.line()));  // the console has them already
            } catch (IOException | RuntimeException e) {
                LOG.warn("data check failed", e);
                console.println("data check failed: " + e.getMessage() + " (the search goes on; the log has the details)");
            }
        }
    }
}
