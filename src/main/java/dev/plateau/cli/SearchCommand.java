package dev.plateau.cli;

import dev.plateau.InputException;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchSpaceLoader;
import dev.plateau.store.Provenance;
import dev.plateau.store.StudyFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plateau search SPACE.yaml}: runs a new study and writes its folder. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Run a multi-objective search over the space and write results/<study>/.")
final class SearchCommand implements Callable<Integer>, SupervisedLaunch.Restartable {
    @Parameters(index = "0", paramLabel = "SPACE.yaml", description = "search-space file")
    Path spaceFile;

    @Option(names = "--out", paramLabel = "DIR", description = "study folder (default: results/<study name>, or the next free <name>-N)")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "study seed, overriding the space's")
    Long seed;

    @Option(names = "--fill-slots", description = "raise the population, if need be, so that each generation's new candidates fill the "
            + "engine's task slots (about 0.6 x population per generation); the population used is recorded in study.yaml")
    boolean fillSlots;

    @Mixin
    RunOptions run;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        run.validate();
        if (seed != null && seed < 1) throw InputException.ofOption("--seed", "must be at least 1, got " + seed, "use e.g. 42");
        SearchSpace space = SearchSpaceLoader.load(spaceFile);
        if (seed != null) space = space.withSeed(seed);
        int workers = run.workers(space.search().workers());
        space = space.withWorkers(workers);
        var data = dev.plateau.data.DatasetLoader.prepare(space);
        SearchSpaceLoader.checkAgainstData(spaceFile, space, data.train().rows());
        Path dir = out != null ? out : freeFolder(Path.of("results"), space.study().name());
        List<String> commandLine = spec.commandLine().getParseResult().originalArgs();  // from "search" on
        var console = spec.commandLine().getOut();
        dev.plateau.exec.InstanceEngine engine = null;
        if (fillSlots) {  // the engine first: its slots decide the population the study records
            engine = StudyRun.engine(space, data, run, workers, dev.plateau.exec.CrashIsolation.none());
            int needed = dev.plateau.select.EvolutionarySearch.populationFilling(engine.workers());
            if (space.search().population() < needed) {
                console.printf("population raised from %d to %d so that each generation's new candidates fill %d task slots (recorded in study.yaml)%n",
                        space.search().population(), needed, engine.workers());
                space = space.withSearch(space.search().withPopulation(needed));
            }
        }
        StudyFolder folder;
        try {
            folder = StudyFolder.create(dir, space, Provenance.capture(space.study().seed(), workers, commandLine));
        } catch (RuntimeException | java.io.IOException e) {
            if (engine != null) engine.close();
            throw e;
        }
        return StudyRun.run(folder, space, data, run, console, engine);
    }

    /** {@code results/name}, or {@code results/name-2}, -3, ... so an earlier study is never overwritten. */
    static Path freeFolder(Path parent, String name) {
        Path dir = parent.resolve(name);
        for (int n = 2; Files.exists(dir); n++) dir = parent.resolve(name + "-" + n);
        return dir;
    }

    @Override
    public int maxRestarts() { return run.maxRestarts; }

    @Override
    public java.time.Duration budget() { return run.budget; }

    @Override
    public List<String> continuation(List<String> originalArgs, Path dir, java.time.Duration remainingBudget) {
        List<String> args = new ArrayList<>(List.of("resume", dir.toString()));
        args.addAll(run.continuationFlags(remainingBudget));
        return args;
    }
}
