package dev.plateau.cli;

import dev.plateau.data.PreparedData;
import dev.plateau.exec.InstanceEvaluator;
import dev.plateau.exec.InstanceResult;
import dev.plateau.exec.LocalEngine;
import dev.plateau.exec.RunControl;
import dev.plateau.select.BaselineSearch;
import dev.plateau.select.ConfigurationRecord;
import dev.plateau.select.EvolutionarySearch;
import dev.plateau.select.GenerationReport;
import dev.plateau.select.HypervolumeHistory;
import dev.plateau.select.Objectives;
import dev.plateau.select.ParetoArchive;
import dev.plateau.select.SearchListener;
import dev.plateau.select.StudyOutcome;
import dev.plateau.space.HypervolumeSpec;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchSpaceLoader;
import dev.plateau.store.Journal;
import dev.plateau.store.Provenance;
import dev.plateau.store.StudyFolder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
     * Racing + evolution against random search and the exhaustive grid, on one space. The grid trains
     * every configuration's full instance budget (its study folder is kept and reused by later runs);
     * the other two run in the same harness with the grid's journal as their cache — an instance's
     * result depends only on its configuration and seeds, so serving it is the same as training it —
     * and count every instance they ask for as a training. Each method's archive is then scored with
     * the grid's full-instance statistics (the ground truth), on one normalisation.
     */
    @Command(name = "selection", mixinStandardHelpOptions = true,
            description = "Hypervolume against trainings used: racing + evolution, random search, exhaustive grid.")
    static final class Selection implements Callable<Integer> {
        private static final double TARGET_SHARE = 0.95;

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

            Objectives objectives = new Objectives(space.search().objectives());
            List<ConfigurationRecord> all = ParetoArchive.configurations(List.copyOf(truth.values()));
            HypervolumeSpec norm = space.search().hypervolume().ideal() != null ? space.search().hypervolume() : normalisation(all, objectives);
            HypervolumeHistory scale = new HypervolumeHistory(objectives, norm);
            Map<String, double[]> groundTruth = new LinkedHashMap<>();
            for (ConfigurationRecord c : all) c.objectives(objectives).ifPresent(v -> groundTruth.put(c.configId(), v));
            double exhaustiveHv = scale.of(List.copyOf(groundTruth.values()));

            List<String[]> rows = new ArrayList<>();
            try (LocalEngine engine = new LocalEngine(new InstanceEvaluator(data, space.proxy(), space.deployment(), null,
                    space.search().constraints()), threads)) {
                for (String strategy : List.of("grid", "random", "evolution+racing", "evolution", "evolution+racing+early-stop")) {
                    boolean earlyStop = strategy.endsWith("early-stop");
                    SearchSpace s = space
                            .withSearch(space.search().withStrategy(dev.plateau.space.SearchStrategy.parse(strategy.startsWith("evolution") ? "evolution" : strategy))
                                    .withHypervolume(norm).withEarlyStopping(space.search().earlyStopping().withEnabled(earlyStop)))
                            .withRacing(space.racing().withEnabled(strategy.startsWith("evolution+racing")));
                    // After each generation: trainings so far and the ground-truth hypervolume of the archive.
                    List<double[]> curve = new ArrayList<>();
                    SearchListener collect = (GenerationReport r) -> {
                        List<double[]> members = new ArrayList<>();
                        for (ParetoArchive.Member m : r.archive().members())
                            if (groundTruth.containsKey(m.configuration().configId())) members.add(groundTruth.get(m.configuration().configId()));
                        curve.add(new double[] {r.hypervolume().trainings(), scale.of(members)});
                    };
                    // Pruned trainings differ from the grid's full ones, so the early-stopping run really trains.
                    Map<String, InstanceResult> cache = earlyStop ? Map.of() : truth;
                    StudyOutcome o = strategy.equals("random") || strategy.equals("grid")
                            ? new BaselineSearch(s, engine, collect, RunControl.unlimited(), cache).run()
                            : new EvolutionarySearch(s, engine, collect, RunControl.unlimited(), cache).run();
                    long epochsRun = o.epochsRun(), epochsPlanned = o.epochsPlanned(), pruned = o.pruned();
                    String toReach = "never";
                    for (double[] point : curve)
                        if (point[1] >= TARGET_SHARE * exhaustiveHv) {
                            toReach = Integer.toString((int) point[0]);
                            break;
                        }
                    List<double[]> chosen = new ArrayList<>();
                    for (ParetoArchive.Member m : o.archive().members())
                        if (groundTruth.containsKey(m.configuration().configId())) chosen.add(groundTruth.get(m.configuration().configId()));
                    double own = scale.of(o.archive().members().stream().map(ParetoArchive.Member::objectives).toList());
                    double hv = scale.of(chosen);
                    rows.add(new String[] {strategy, Integer.toString(o.trainings()), Integer.toString(o.configurations().size()),
                            Integer.toString(o.archive().size()), fmt(own), fmt(hv), fmt(100 * hv / exhaustiveHv), toReach,
                            Long.toString(pruned), epochsRun + "/" + epochsPlanned});
                }
            }
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

        /** Ideal: the best ground-truth value; reference: the worst plus 10 % of the range (natural units). */
        private static HypervolumeSpec normalisation(List<ConfigurationRecord> all, Objectives objectives) {
            List<double[]> pts = new ArrayList<>();
            for (ConfigurationRecord c : all) c.objectives(objectives).ifPresent(pts::add);
            List<Double> ideal = new ArrayList<>(), reference = new ArrayList<>();
            for (int i = 0; i < objectives.size(); i++) {
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (double[] p : pts) {
                    lo = Math.min(lo, p[i]);
                    hi = Math.max(hi, p[i]);
                }
                double ref = hi + 0.1 * Math.max(hi - lo, 1e-12);
                double sign = objectives.specs().get(i).direction().toMinimised(1.0);
                ideal.add(sign * lo);
                reference.add(sign * ref);
            }
            return new HypervolumeSpec(ideal, reference);
        }
    }
}
