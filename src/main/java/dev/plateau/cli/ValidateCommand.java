package dev.plateau.cli;

import dev.plateau.report.StudyReport;
import dev.plateau.InputException;
import dev.plateau.data.DatasetLoader;
import dev.plateau.data.PreparedData;
import dev.plateau.exec.Engines;
import dev.plateau.exec.EvaluatorSetup;
import dev.plateau.exec.InstanceEngine;
import dev.plateau.exec.InstanceResult;
import dev.plateau.exec.RunControl;
import dev.plateau.exec.SignalStop;
import dev.plateau.select.Genome;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.Instance;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchSpaceLoader;
import dev.plateau.store.CrashLog;
import dev.plateau.store.Journal;
import dev.plateau.store.StudyFolder;
import dev.plateau.store.ValidationPlan;
import dev.plateau.store.ValidationTables;
import dev.plateau.supervise.Supervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plateau validate SPACE.yaml --out DIR}: do the proxies rank robustness correctly? Trains a
 * random population of the space (configurations × instances), computes every proxy family and the
 * baselines (clean loss, log params, weight norm), runs full noise testing on every instance, and
 * writes {@code population.csv} and {@code correlations.csv}: Spearman ρ with a 1,000-resample
 * bootstrap interval, Kendall τ_b, and the partial Spearman ρ given clean loss, and given clean loss and
 * log params, for every proxy against every robustness score. The population runs through the
 * search's engine and journal ({@code journal.jsonl}): a time budget, failure limit, signals,
 * crash isolation and resume work as for {@code search}.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Proxy validation: population, full noise testing, rank correlations.")
final class ValidateCommand implements Callable<Integer>, SupervisedLaunch.Restartable {
    @Parameters(index = "0", paramLabel = "SPACE.yaml", description = "the space the population is drawn from")
    Path spaceFile;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output folder (reused to resume)")
    Path out;

    @Option(names = "--configurations", defaultValue = "60", description = "configurations drawn (default: ${DEFAULT-VALUE})")
    int configurations;

    @Option(names = "--instances", defaultValue = "3", description = "instances (seeds) per configuration (default: ${DEFAULT-VALUE})")
    int instances;

    @Option(names = "--draws", defaultValue = "30", description = "noise draws per severity (default: ${DEFAULT-VALUE})")
    int draws;

    @picocli.CommandLine.Mixin
    RunOptions run = new RunOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public int maxRestarts() { return run.maxRestarts; }

    @Override
    public java.time.Duration budget() { return run.budget; }

    /** The same command with the budget left: it resumes from the journal. */
    @Override
    public List<String> continuation(List<String> originalArgs, Path dir, java.time.Duration remainingBudget) {
        List<String> args = new ArrayList<>(List.of("validate", spaceFile.toString(), "--out", out.toString(), "--configurations", Integer.toString(configurations),
                "--instances", Integer.toString(instances), "--draws", Integer.toString(draws)));
        args.addAll(run.continuationFlags(remainingBudget));
        return args;
    }

    @Override
    public Integer call() throws Exception {
        if (configurations < 3 || instances < 1 || draws < 1)
            throw InputException.ofOption("--configurations/--instances/--draws", "need at least 3 configurations, 1 instance and 1 draw",
                    "use e.g. --configurations 60 --instances 3 --draws 30");
        run.validate();
        if (Files.exists(out.resolve("validation.jsonl")) && !Files.exists(out.resolve("journal.jsonl")))
            throw InputException.ofOption("--out", "folder " + out + " holds a validation written by an older Plateau (validation.jsonl), which this one cannot resume",
                    "choose another --out; the old folder's population.csv and correlations.csv stay as they are");
        SearchSpace space = SearchSpaceLoader.load(spaceFile);
        PreparedData data = DatasetLoader.prepare(space);
        if (data.test().rows() == 0) throw InputException.ofOption(spaceFile.toString(), "the split has no test rows", "give the split a test fraction");
        boolean resuming = Files.exists(out.resolve("journal.jsonl")) || Files.exists(out.resolve("study.yaml"));
        if (resuming) StudyFolder.requireNoLinks(out);
        else StudyFolder.requireNewOrEmpty(out);
        new ValidationPlan(configurations, instances, draws).recordOrCheck(out, space);
        Supervisor.announceStudy(out);
        var console = spec.commandLine().getOut();

        List<Instance> population = new ArrayList<>();
        for (CandidateSpec c : new Genome(space).randomConfigurations(configurations, space.study().seed()))
            for (int seed = 1; seed <= instances; seed++) population.add(Instance.of(space.study().seed(), c, seed));
        Journal journal = Journal.open(out.resolve("journal.jsonl"));
        Map<String, InstanceResult> done = journal.byInstance();
        List<Instance> pending = population.stream().filter(i -> !done.containsKey(i.key())).toList();
        console.printf("validate: %d configurations x %d instances on %s; %d already done -> %s%n", population.size() / instances, instances,
                data.train().name(), population.size() - pending.size(), out);

        // every family, so each can be set against full noise testing
        EvaluatorSetup setup = EvaluatorSetup.of(space, data, run.candidateTimeout).forProxyValidation(draws, space.study().seed());
        RunControl control = RunControl.of(run.budget, run.maxFailures);
        AtomicInteger finished = new AtomicInteger(population.size() - pending.size());
        try (SignalStop signals = SignalStop.install(control, console::flush);
             InstanceEngine engine = Engines.open(run.engine(), setup, space, data, run.workers(space.search().workers()),
                     CrashLog.isolation(out))) {
            engine.evaluate(pending, control, e -> {
                try {
                    journal.append(0, e.result());
                } catch (IOException io) {
                    throw new java.io.UncheckedIOException(io);
                }
                console.printf("%d/%d %s %s%n", finished.incrementAndGet(), population.size(), e.result().instance().key(), e.result().outcome().label());
            });
            var stop = control.stopped();
            if (stop.isPresent()) {
                StudyReport.refresh(out);
                console.printf("stopped: %s. %d of %d instances are journaled; run the same command to continue.%n", stop.get().reason(),
                        finished.get(), population.size());
                return run.maxFailures > 0 && control.failures() >= run.maxFailures ? StudyRun.TOO_MANY_FAILURES : 0;
            }
            Map<String, InstanceResult> results = journal.byInstance();
            ValidationTables.write(out, population.stream().map(i -> results.get(i.key())).toList(), journal.codeVersionByInstance(),
                    space.proxy().families(space.deployment()), space.study().seed());
        }
        Optional<Path> report = StudyReport.refresh(out);
        console.printf("written: %s and %s%s%n", out.resolve("population.csv"), out.resolve("correlations.csv"),
                report.map(r -> " (and " + r.getFileName() + ")").orElse(""));
        return 0;
    }
}
