package dev.plateau.cli;

import dev.plateau.exec.Evaluation;
import dev.plateau.select.ParetoArchive;
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
    public void generationDone(int generation, java.util.List<Evaluation> evaluations, ParetoArchive archive) {
        this.archive = archive.size();
        if (bar != null) {
            bar.setExtraMessage(extra());
            return;
        }
        long failures = evaluations.stream().filter(e -> !e.result().ok()).count();
        console.printf("generation %d/%d: %d new candidates (%d failed), archive %d, %.0f s%n", generation, generations,
                evaluations.size(), failures, archive.size(), (System.nanoTime() - start) / 1e9);
    }

    private String extra() {
        return "gen " + generation + "/" + generations + " | archive " + archive + " | failed " + failed.get();
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
