package dev.plateau.cli;

import dev.plateau.data.PreparedData;
import dev.plateau.exec.CrashIsolation;
import dev.plateau.exec.Evaluation;
import dev.plateau.exec.InstanceResult;
import dev.plateau.exec.EvaluatorSetup;
import dev.plateau.exec.Engines;
import dev.plateau.exec.InstanceEngine;
import dev.plateau.exec.RunControl;
import dev.plateau.exec.SignalStop;
import dev.plateau.select.BaselineSearch;
import dev.plateau.select.EvolutionarySearch;
import dev.plateau.select.GenerationReport;
import dev.plateau.select.ParetoArchive;
import dev.plateau.data.Baselines;
import dev.plateau.report.StudyReport;
import dev.plateau.select.UsefulnessFloor;
import dev.plateau.select.SearchListener;
import dev.plateau.select.StudyOutcome;
import dev.plateau.space.SearchSpace;
import dev.plateau.store.CrashLog;
import dev.plateau.store.StudyFolder;
import dev.plateau.supervise.Supervisor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One run of a study, new or resumed: data, engine, search, progress and the study folder, wired
 * together. SIGINT/SIGTERM stop it cleanly: running candidates are abandoned (a resume trains them
 * again), the folder is brought up to date, the process exits with 0 and says how to resume.
 */
final class StudyRun {
    /** Exit code of a run ended by --max-failures. */
    static final int TOO_MANY_FAILURES = 3;
    private static final Logger LOG = LogManager.getLogger(StudyRun.class);

    private StudyRun() {}

    static int run(StudyFolder folder, SearchSpace space, PreparedData data, RunOptions options, PrintWriter console) throws IOException {
        return run(folder, space, data, options, console, null);
    }

    /** @param opened the run's engine if the caller opened it already (it is closed here), else null */
    static int run(StudyFolder folder, SearchSpace space, PreparedData data, RunOptions options, PrintWriter console, InstanceEngine opened)
            throws IOException {
        int workers = options.workers(space.search().workers());
        StudyLog.attach(folder.dir().resolve("plateau.log"));
        Supervisor.announceStudy(folder.dir());
        try {
            Map<String, InstanceResult> journal = folder.journal().byInstance();
            if (folder.journal().repairedBytes() > 0)
                LOG.warn("journal: cut off a torn last line of {} bytes; that instance is trained again", folder.journal().repairedBytes());
            long start = System.nanoTime();
            console.printf("plateau: study '%s' (seed %d) on %s: %d train / %d validation / %d test rows, %d workers -> %s%n",
                    space.study().name(), space.study().seed(), data.train().name(), data.train().rows(), data.validation().rows(),
                    data.test().rows(), workers, folder.dir());
            DataCommand.Check.atSearchStart(space, folder.dir(), console);
            if (!journal.isEmpty()) console.printf("resuming: %d instances in the journal are replayed, not retrained%n", journal.size());
            Baselines baselines = Baselines.of(data, space.dataset().source().measuresEnergy(), space.dataset().baseline());
            UsefulnessFloor floor = UsefulnessFloor.of(baselines, space.search().floorMargin());
            folder.baselines(baselines, floor);
            console.printf(Locale.ROOT, "baselines (validation rows): trivial predictor %s %.4g%s; the archive admits %s%n",
                    baselines.metric(), baselines.trivial(),
                    baselines.domain() == null ? "" : String.format(Locale.ROOT, ", %s %.4g", baselines.domainRule(), baselines.domain()),
                    floor.rule());
            CrashIsolation isolation = CrashLog.isolation(folder.dir());
            LOG.info("study {} in {}: {} workers, budget {}, max failures {}, {} journaled instances", space.study().name(),
                    folder.dir(), workers, options.budget == null ? "none" : options.budget,
                    options.maxFailures == 0 ? "none" : options.maxFailures, journal.size());

            RunControl control = RunControl.of(options.budget, options.maxFailures);
            SignalStop signals = SignalStop.install(control, console::flush);

            folder.running();
            int population = space.search().population();
            long expected = population + (long) (space.search().generations() - 1) * Math.round(EvolutionarySearch.OFFSPRING_FRACTION * population);
            StudyOutcome outcome;
            double busyShare;
            try (ProgressReporter progress = new ProgressReporter(console, space.search().generations(), expected,
                         System.console() != null ? System.out : null);
                 InstanceEngine engine = opened != null ? opened : engine(space, data, options, workers, isolation)) {
                announce(engine, space, options, console);
                SearchListener listener = both(folder, progress);
                long searchStart = System.nanoTime();
                outcome = space.search().strategy() == dev.plateau.space.SearchStrategy.EVOLUTION
                        ? new EvolutionarySearch(space, engine, listener, control, journal, floor).run()
                        : new BaselineSearch(space, engine, listener, control, journal, floor).run();
                if (outcome.stopped().isEmpty()) progress.finished();
                // the share of the workers' time over the whole search, the engine's Jenetics and bookkeeping gaps included
                busyShare = engine.busySeconds() / ((System.nanoTime() - searchStart) / 1e9 * engine.workers());
            }
            try (signals) {
                folder.finish(outcome, busyShare);
                report(console, outcome, folder, start, baselines, floor, busyShare);
                if (outcome.stopped().isEmpty() && outcome.archive().size() > 0) verifyFront(folder.dir(), data, options.verify, console);
                StudyReport.refresh(folder.dir());
            }
            boolean failedOut = outcome.stopped().isPresent() && control.failures() > 0 && options.maxFailures > 0
                    && control.failures() >= options.maxFailures;
            return failedOut ? TOO_MANY_FAILURES : 0;
        } finally {
            if (opened != null) opened.close();  // when the run failed before it took the engine over (closing twice is harmless)
            StudyLog.detach();
        }
    }

    /** The run's engine. */
    static InstanceEngine engine(SearchSpace space, PreparedData data, RunOptions options, int workers, CrashIsolation isolation) {
        EvaluatorSetup setup = EvaluatorSetup.of(space, data, options.candidateTimeout);
        return Engines.open(options.engine(), setup, space, data, workers, isolation);
    }

    /** Names a remote engine and its slots; warns when a generation's batch cannot fill them (docs/architecture.md, Engines). */
    private static void announce(InstanceEngine engine, SearchSpace space, RunOptions options, PrintWriter console) {
        if (!options.engine().engine().equals(Engines.LOCAL)) {
            long perGeneration = Math.round(EvolutionarySearch.OFFSPRING_FRACTION * space.search().population());
            console.printf("engine: %s, %d task slots%n", engine, engine.workers());
            if (space.search().population() < EvolutionarySearch.populationFilling(engine.workers()))  // the rule --fill-slots applies
                console.printf("note: a generation proposes about %d new candidates (%.1f x population %d) for %d slots, so slots idle; "
                        + "give search.population at least %d%n", perGeneration, EvolutionarySearch.OFFSPRING_FRACTION, space.search().population(),
                        engine.workers(), EvolutionarySearch.populationFilling(engine.workers()));
        }
    }

    private static void report(PrintWriter console, StudyOutcome outcome, StudyFolder folder, long start, Baselines baselines,
                               UsefulnessFloor floor, double busyShare) {
        long failed = outcome.results().stream().filter(r -> !r.ok()).count();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (outcome.stopped().isPresent()) {
            console.printf("stopped in generation %d: %s. %d candidates (%d failed) are saved, %.0f s.%n",
                    outcome.generationsDone() + 1, outcome.stopReason(), outcome.results().size(), failed, seconds);
            console.printf("continue with: plateau resume %s%n", folder.dir());
            LOG.info("stopped: {}", outcome.stopReason());
            return;
        }
        var hv = outcome.hypervolume().rows();
        console.printf(Locale.ROOT, "done: %d candidates (%d failed), %d trainings, %d configurations in the Pareto archive, hypervolume %.4f, %.0f s%s%n",
                outcome.results().size(), failed, outcome.trainings(), outcome.archive().size(),
                hv.isEmpty() ? 0.0 : hv.get(hv.size() - 1).hypervolume(), seconds, StudyFolder.busy(busyShare));
        if (outcome.pruned() > 0)
            console.printf("early stopping pruned %d trainings: %d of %d planned epochs were run%n", outcome.pruned(),
                    outcome.epochsRun(), outcome.epochsPlanned());
        long below = ParetoArchive.configurations(outcome.results()).stream().filter(c -> floor.reason(c) != null).count();
        if (below > 0)
            console.printf("%d configurations are not clearly better than the trivial predictor and are kept out of the archive "
                    + "(configurations.csv, column below_floor)%n", below);
        console.printf("results: %s (report.html, candidates.csv, configurations.csv, pareto.csv, hypervolume.csv, models/)%n", folder.dir());
        LOG.info("finished: {} candidates, archive {}", outcome.results().size(), outcome.archive().size());
        for (ParetoArchive.Member m : outcome.archive().members()) {
            StringBuilder sb = new StringBuilder("  ").append(m.configuration().configId()).append("  ")
                    .append(String.format(Locale.ROOT, "val_%s=%.4g  ", baselines.metric(),
                            m.configuration().ok().stream().mapToDouble(InstanceResult::valMetric).average().orElse(Double.NaN)));
            List<String> names = outcome.archive().objectives().labels();
            double[] natural = outcome.archive().objectives().natural(m.objectives());
            for (int i = 0; i < names.size(); i++)
                sb.append(names.get(i)).append('=').append(String.format(Locale.ROOT, "%.4g", natural[i])).append("  ");
            console.println(sb.append(m.configuration().spec().canonical()));
        }
    }

    /**
     * Full noise testing of the final front, by the --verify rule (see {@link FrontVerification#worthIt}),
     * then which model to take ({@link ModelChoice}). Neither may fail a run whose results are written.
     */
    private static void verifyFront(Path dir, PreparedData data, String rule, PrintWriter console) throws IOException {
        var study = dev.plateau.store.StudyReader.read(dir);
        try {
            if (rule.equals("off") || data.test().rows() == 0) {
                // nothing to verify
            } else if (rule.equals("auto") && !FrontVerification.worthIt(study, data, FrontVerification.SEARCH_DRAWS)) {
                console.printf("front not verified: full noise testing would cost more than %.0f %% of the study's training work "
                        + "(run plateau verify %s, or search with --verify on)%n", 100 * FrontVerification.AUTO_SHARE, dir);
            } else {
                FrontVerification.run(study, data, FrontVerification.SEARCH_DRAWS, console);
                study = dev.plateau.store.StudyReader.read(dir);  // with the verification it wrote
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("front verification failed", e);
            console.printf("front not verified: %s (run plateau verify %s)%n", e.getMessage(), dir);
        }
        try {
            ModelChoice.print(study, console);
        } catch (RuntimeException e) {
            LOG.warn("model choice failed", e);
        }
    }

    private static SearchListener both(StudyFolder folder, ProgressReporter progress) {
        return new SearchListener() {
            @Override
            public void generationStarted(int generation, int proposals, int toTrain) {
                progress.generationStarted(generation, proposals, toTrain);
            }

            @Override
            public void instanceDone(int generation, Evaluation e) {
                folder.instanceDone(generation, e);
                progress.instanceDone(generation, e);
                LOG.info("{} {} {}{}", e.result().instance().key(), e.result().outcome().label(),
                        e.result().ok() ? "val_loss=" + e.result().valLoss() : e.result().failure(),
                        String.format(Locale.ROOT, " (%.1f s)", e.result().totalSeconds()));
            }

            @Override
            public void generationDone(GenerationReport report) {
                folder.generationDone(report);
                StudyReport.refresh(folder.dir());  // a user can open it mid-run
                progress.generationDone(report);
                LOG.info("generation {} done: {} new results, {} trainings, archive {}, hypervolume {}", report.generation(),
                        report.evaluations().size(), report.hypervolume().trainings(), report.archive().size(),
                        report.hypervolume().hypervolume());
            }
        };
    }
}
