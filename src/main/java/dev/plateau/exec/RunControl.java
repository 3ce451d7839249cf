package dev.plateau.exec;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * When a run must stop: a time budget (no new instance starts after the deadline; instances already
 * running finish, so the overrun is at most one instance), too many failed instances, or an explicit
 * request (a signal), which does not wait for running instances — they are retrained on resume.
 *
 * @implNote thread-safe: workers record failures and read the state concurrently.
 */
public final class RunControl {
    /** Why a run stopped, and whether running instances are abandoned. */
    public record Stop(String reason, boolean immediate) {}

    private final long deadlineNanos;
    private final int maxFailures;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicReference<Stop> stop = new AtomicReference<>();

    private RunControl(Duration budget, int maxFailures) {
        this.deadlineNanos = budget == null ? Long.MAX_VALUE : System.nanoTime() + budget.toNanos();
        this.maxFailures = maxFailures;
    }

    /**
     * @param budget      wall time for this run, or null for none
     * @param maxFailures failed instances in this run that end it, or 0 for no limit
     */
    public static RunControl of(Duration budget, int maxFailures) {
        if (maxFailures < 0) throw new IllegalArgumentException("max failures must be >= 0, got " + maxFailures);
        return new RunControl(budget, maxFailures);
    }

    public static RunControl unlimited() { return of(null, 0); }

    /** Ends the run now, abandoning running instances (SIGINT/SIGTERM). */
    public void stopNow(String reason) { stop.compareAndSet(null, new Stop(reason, true)); }

    public void recordFailure(String reason) {
        int n = failures.incrementAndGet();
        if (maxFailures > 0 && n == maxFailures)  // exactly one thread reaches the limit
            stop.compareAndSet(null, new Stop(n + " candidates failed in this run (--max-failures " + maxFailures
                    + "); the last: " + reason, false));
    }

    /** Whether a new instance may start. */
    public boolean mayStart() { return stopped().isEmpty(); }

    public Optional<Stop> stopped() {
        if (stop.get() == null && System.nanoTime() > deadlineNanos)
            stop.compareAndSet(null, new Stop("the time budget is used up", false));
        return Optional.ofNullable(stop.get());
    }

    public int failures() { return failures.get(); }

    /** Nanoseconds left of the time budget ({@link Long#MAX_VALUE} without one; negative once it is used up). */
    public long nanosLeft() { return deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime(); }
}
