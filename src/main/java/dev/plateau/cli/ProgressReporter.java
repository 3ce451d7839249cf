package dev.plateau.cli;

import dev.plateau.exec.Evaluation;
import dev.plateau.select.GenerationReport;
import dev.plateau.select.SearchListener;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a search's progress: on a terminal a progress bar (candidates done of the expected total,
 * generation, archive size, failures, ETA); otherwise — a log file, CI, a pipe — one plain line per
 * generation.
 */
final class ProgressReporter implements SearchListener, AutoCloseable {
    private final PrintWriter console;
    private final int generations;
    private final long start = System.nanoTime();
    private final ProgressBar bar;
    private final AtomicInteger failed = new AtomicInteger();
    private volatile int generation;
    private volatile int archive;
    private volatile double hypervolume;

    /**
     * @param expectedProposals genotypes the search will score: the population, then the offspring of
     *                          each further generation
     * @param terminal          where to draw the bar, or null for plain lines
     */
    ProgressReporter(PrintWriter console, int generations, long expectedProposals, PrintStream terminal) {
        this.console = console;
        this.generations = generations;
        this.bar = terminal == null ? null : new ProgressBarBuilder().setTaskName("plateau").setInitialMax(expectedProposals)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(terminal)).build();
    }

    @Override
    public void generationStarted(int generation, int proposals, int toTrain) {
        this.generation = generation;
        if (bar != null) {
            // Re-estimate the total: later generations are assumed to propose as many as this one.
            bar.maxHint(bar.getCurrent() + (long) proposals * (generations - generation + 1));
            bar.stepBy(proposals - toTrain);
            bar.setExtraMessage(extra());
        }
    }

    @Override
    public void instanceDone(int generation, Evaluation evaluation) {
        if (!evaluation.result().ok()) failed.incrementAndGet();
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(extra());
        }
    }

    @Override
    public void generationDone(GenerationReport report) {
        this.archive = report.archive().size();
        this.hypervolume = report.hypervolume().hypervolume();
        if (bar != null) {
            bar.setExtraMessage(extra());
            return;
        }
        long failures = report.evaluations().stream().filter(e -> !e.result().ok()).count();
        console.printf(java.util.Locale.ROOT, "generation %d/%d: %d new candidates (%d failed), %d trainings, archive %d, hypervolume %.4f, %.0f s%s%n",
                report.generation(), generations, report.evaluations().size(), failures, report.hypervolume().trainings(),
                report.archive().size(), hypervolume, (System.nanoTime() - start) / 1e9,
                // a small space is soon exhausted: every proposal is then an instance already trained
                report.evaluations().isEmpty() ? " (every proposal was already trained: the space may be too small for more)" : "");
    }

    private String extra() {
        return String.format(java.util.Locale.ROOT, "gen %d/%d | archive %d | HV %.3f | failed %d", generation, generations, archive,
                hypervolume, failed.get());
    }

    /** Marks the bar complete (the study finished) before closing it. */
    void finished() {
        if (bar != null) bar.maxHint(bar.getCurrent());
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
