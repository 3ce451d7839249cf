package dev.plateau.cli;

import dev.plateau.bench.SelectionBenchmark;
import dev.plateau.data.PreparedData;
import dev.plateau.exec.InstanceResult;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchSpaceLoader;
import dev.plateau.store.Journal;
import dev.plateau.store.Provenance;
import dev.plateau.store.StudyFolder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plateau bench}: measurements that go into docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.", subcommands = {BenchCommand.Selection.class, TrainBenchmark.class, NativeRaceBenchmark.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    /**
     * {@link SelectionBenchmark}: the grid study is run (its folder kept and reused by later runs), then
     * the methods are compared against it.
     */
    @Command(name = "selection", mixinStandardHelpOptions = true,
            description = "Hypervolume against trainings used: racing + evolution, random search, exhaustive grid.")
    static final class Selection implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SPACE.yaml", description = "a search space with racing settings")
        Path spaceFile;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "results/bench-selection", description = "output folder (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--workers", paramLabel = "N", defaultValue = "0", description = "0 = one per core")
        int workers;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter console = spec.commandLine().getOut();
            SearchSpace space = SearchSpaceLoader.load(spaceFile);
            int threads = workers == 0 ? Runtime.getRuntime().availableProcessors() : workers;
            PreparedData data = dev.plateau.data.DatasetLoader.prepare(space);
            Files.createDirectories(out);

            Path gridDir = out.resolve("grid");
            SearchSpace grid = space.withSearch(space.search().withStrategy(dev.plateau.space.SearchStrategy.GRID));
            StudyFolder folder = Files.exists(gridDir.resolve("study.yaml")) ? StudyFolder.reopen(gridDir)
                    : StudyFolder.create(gridDir, grid, Provenance.capture(grid.study().seed(), threads, List.of("bench", "selection")));
            console.println("exhaustive grid (trained; reused when " + gridDir + " exists):");
            RunOptions options = new RunOptions();
            options.workers = threads;
            StudyRun.run(folder, folder.space(), data, options, console);
            Map<String, InstanceResult> truth = Journal.open(gridDir.resolve("journal.jsonl")).byInstance();

            List<String[]> rows = new ArrayList<>();
            for (SelectionBenchmark.Row r : SelectionBenchmark.compare(space, data, truth, threads))
                rows.add(new String[] {r.method(), Integer.toString(r.trainings()), Integer.toString(r.configurations()),
                        Integer.toString(r.archive()), fmt(r.hypervolumeOwn()), fmt(r.hypervolumeTruth()), fmt(r.percentOfGrid()),
                        r.trainingsTo95() < 0 ? "never" : Integer.toString(r.trainingsTo95()), Long.toString(r.pruned()),
                        r.epochsRun() + "/" + r.epochsPlanned()});
            int exhaustiveTrainings = Integer.parseInt(rows.get(0)[1]);
            console.println();
            String format = "%-27s %9s %8s %14s %7s %9s %10s %12s %17s %7s %15s%n";
            console.printf(format, "strategy", "trainings", "of grid", "configurations", "archive", "HV (own)", "HV (truth)",
                    "% of grid HV", "trainings to 95%", "pruned", "epochs run/plan");
            List<String> csv = new ArrayList<>(List.of("strategy,trainings,trainings_fraction_of_grid,configurations,archive,"
                    + "hv_own,hv_truth,hv_percent_of_grid,trainings_to_95_percent,pruned,epochs_run_of_planned"));
            for (String[] r : rows) {
                String frac = fmt(Double.parseDouble(r[1]) / exhaustiveTrainings);
                console.printf(format, r[0], r[1], frac, r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]);
                csv.add(String.join(",", r[0], r[1], frac, r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]));
            }
            Files.write(out.resolve("selection-benchmark.csv"), csv);
            console.printf("written: %s%n", out.resolve("selection-benchmark.csv"));
            return 0;
        }

        private static String fmt(double v) { return String.format(Locale.ROOT, "%.4f", v); }

    }
}
