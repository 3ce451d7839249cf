package dev.plateau.cli;

import dev.plateau.InputException;
import dev.plateau.data.Dataset;
import dev.plateau.data.DatasetLoader;
import dev.plateau.data.PreparedData;
import dev.plateau.exec.Evaluation;
import dev.plateau.exec.InstanceEvaluator;
import dev.plateau.exec.LocalEngine;
import dev.plateau.select.EvolutionarySearch;
import dev.plateau.select.ParetoArchive;
import dev.plateau.select.SearchListener;
import dev.plateau.select.StudyOutcome;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchSpaceLoader;
import dev.plateau.store.Provenance;
import dev.plateau.store.StudyFolder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plateau search SPACE.yaml}: runs a study and writes its folder. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Run a multi-objective search over the space and write results/<study>/.")
final class SearchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPACE.yaml", description = "search-space file")
    Path spaceFile;

    @Option(names = "--out", paramLabel = "DIR", description = "study folder (default: results/<study name>, or the next free <name>-N)")
    Path out;

    @Option(names = "--workers", paramLabel = "N", description = "candidates trained at once (default: the space's, 0 = one per core)")
    Integer workers;

    @Option(names = "--seed", paramLabel = "S", description = "study seed, overriding the space's")
    Long seed;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (workers != null && (workers < 0 || workers > 1024))
            throw InputException.ofOption("--workers", "must be between 0 and 1024, got " + workers, "0 means one per core");
        if (seed != null && seed < 1) throw InputException.ofOption("--seed", "must be at least 1, got " + seed, "use e.g. 42");
        SearchSpace space = SearchSpaceLoader.load(spaceFile);
        if (seed != null) space = space.withSeed(seed);
        int threads = workers != null ? workers : space.search().workers();
        if (threads == 0) threads = Runtime.getRuntime().availableProcessors();
        space = space.withWorkers(threads);
        PrintWriter console = spec.commandLine().getOut();

        Path dir = out != null ? out : freeFolder(Path.of("results"), space.study().name());
        long start = System.nanoTime();
        Dataset raw = DatasetLoader.load(space.dataset());
        PreparedData data = PreparedData.split(raw, space.dataset().split().validation(), space.dataset().split().test(),
                space.study().seed(), DatasetLoader.metricOf(space.dataset()));
        console.printf("plateau: study '%s' (seed %d) on %s: %d train / %d validation / %d test rows, %d workers -> %s%n",
                space.study().name(), space.study().seed(), raw.name(), data.train().rows(), data.validation().rows(),
                data.test().rows(), threads, dir);

        List<String> commandLine = new ArrayList<>(List.of("search", spaceFile.toString()));
        StudyFolder folder = new StudyFolder(dir, space, Provenance.capture(space.study().seed(), threads, commandLine));
        int generations = space.search().generations();
        SearchListener progress = (generation, evaluations, archive) -> {
            folder.generationDone(generation, evaluations, archive);
            long failed = evaluations.stream().filter(e -> !e.result().ok()).count();
            console.printf("generation %d/%d: %d new candidates (%d failed), archive %d, %.0f s%n", generation, generations,
                    evaluations.size(), failed, archive.size(), (System.nanoTime() - start) / 1e9);
        };
        StudyOutcome outcome;
        try (LocalEngine engine = new LocalEngine(new InstanceEvaluator(data, space.proxy().noiseCurvature()), threads)) {
            outcome = new EvolutionarySearch(space, engine, progress).run();
        }
        folder.finish(outcome);
        long failed = outcome.results().stream().filter(r -> !r.ok()).count();
        console.printf("done: %d candidates (%d failed), %d configurations in the Pareto archive, %.0f s%n",
                outcome.results().size(), failed, outcome.archive().size(), (System.nanoTime() - start) / 1e9);
        console.printf("results: %s (candidates.csv, pareto.csv, models/)%n", dir);
        printArchive(console, outcome.archive());
        return 0;
    }

    private static void printArchive(PrintWriter console, ParetoArchive archive) {
        for (ParetoArchive.Member m : archive.members()) {
            StringBuilder sb = new StringBuilder("  ").append(m.configuration().configId()).append("  ");
            var names = archive.objectives().names();
            for (int i = 0; i < names.size(); i++) {
                double v = archive.objectives().specs().get(i).direction().toMinimised(m.objectives()[i]);
                sb.append(names.get(i)).append('=').append(String.format(java.util.Locale.ROOT, "%.4g", v)).append("  ");
            }
            sb.append(m.configuration().spec().canonical());
            console.println(sb);
        }
    }

    /** {@code results/name}, or {@code results/name-2}, -3, ... so an earlier study is never overwritten. */
    static Path freeFolder(Path parent, String name) {
        Path dir = parent.resolve(name);
        for (int n = 2; Files.exists(dir); n++) dir = parent.resolve(name + "-" + n);
        return dir;
    }

}
