package dev.plateau.exec;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGINT/SIGTERM during a run: the run's control stops now (running instances are abandoned and run
 * again on resume), the outputs are brought up to date, and the process exits with 0. A signal
 * arriving while the outputs are written waits for them (at most a minute).
 *
 * <pre>{@code
 * try (SignalStop signals = SignalStop.install(control, console::flush)) {
 *     ... run ...
 *     write outputs;
 * }   // closing says the outputs are written
 * }</pre>
 */
public final class SignalStop implements AutoCloseable {
    private static final long GRACE_SECONDS = 60;

    private final AtomicBoolean active = new AtomicBoolean(true);
    private final CountDownLatch written = new CountDownLatch(1);
    private final Thread hook;

    private SignalStop(RunControl control, Runnable beforeExit) {
        this.hook = new Thread(() -> {
            if (!active.get()) return;
            control.stopNow("interrupted by a signal");
            try {
                written.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            beforeExit.run();
            Runtime.getRuntime().halt(0);
        }, "plateau-signal");
    }

    /** Stops {@code control} on a signal; {@code beforeExit} runs (e.g. flushing the console) just before the exit. */
    public static SignalStop install(RunControl control, Runnable beforeExit) {
        SignalStop s = new SignalStop(control, beforeExit);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** The outputs are written: a signal now ends the process at once. */
    @Override
    public void close() {
        active.set(false);
        written.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the signal hook is running and will end the process with 0
        }
    }
}
