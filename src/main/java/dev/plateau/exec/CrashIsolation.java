package dev.plateau.exec;

import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * What a study process knows about the process crashes before it (design: self-healing runs). An
 * instance that was running when the JVM died is a <em>suspect</em>: it runs alone, with no other
 * instance beside it, so that a second crash names it without doubt. One that was running in two
 * crashes is {@linkplain #crashedTwice crashed}: it is recorded as failed ("native crash") instead
 * of being trained again. Every instance reports its start and end to the in-flight recorder, from
 * which the supervisor learns what was running when a process died.
 *
 * @implNote thread-safe; suspects hold the write side of one read-write lock, all others the read side.
 */
public final class CrashIsolation {
    /** Records which instances are running, so a supervisor can read them after a crash. */
    public interface InFlight {
        void started(String instanceKey);

        void finished(String instanceKey);

        InFlight NONE = new InFlight() {
            @Override
            public void started(String instanceKey) { }

            @Override
            public void finished(String instanceKey) { }
        };
    }

    /**
     * Fault injection for the supervisor's tests and the crash benchmark: when this system property
     * names an instance key, that instance kills its JVM with a real SIGSEGV (a write to address 0,
     * with a HotSpot error report) every time it starts; unset, nothing happens.
     */
    public static final String CRASH_ON_PROPERTY = "plateau.fault-injection.crash-instance";

    /** The failure reason of an instance that crashed the JVM twice. */
    public static final String NATIVE_CRASH = "native crash: the process died twice while this instance ran (see crashes.jsonl)";

    private final Set<String> suspects;
    private final Set<String> crashed;
    private final InFlight inFlight;
    private final ReentrantReadWriteLock alone = new ReentrantReadWriteLock();

    /**
     * @param suspects instance keys that were running in one earlier crash
     * @param crashed  instance keys that were running in two or more
     */
    public CrashIsolation(Set<String> suspects, Set<String> crashed, InFlight inFlight) {
        this.suspects = Set.copyOf(suspects);
        this.crashed = Set.copyOf(crashed);
        this.inFlight = inFlight;
    }

    /** No crash history and no recording: every instance runs as usual. */
    public static CrashIsolation none() { return new CrashIsolation(Set.of(), Set.of(), InFlight.NONE); }

    public boolean crashedTwice(String instanceKey) { return crashed.contains(instanceKey); }

    public boolean suspect(String instanceKey) { return suspects.contains(instanceKey); }

    /** Runs one instance's work: alone if it is a suspect, recorded as in flight while it runs. */
    public <T> T run(String instanceKey, Supplier<T> work) {
        Lock lock = suspects.contains(instanceKey) ? alone.writeLock() : alone.readLock();
        lock.lock();
        try {
            inFlight.started(instanceKey);
            if (instanceKey.equals(System.getProperty(CRASH_ON_PROPERTY))) crashTheJvm();
            try {
                return work.get();
            } finally {
                inFlight.finished(instanceKey);
            }
        } finally {
            lock.unlock();
        }
    }

    private static void crashTheJvm() {
        try {
            var field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            ((sun.misc.Unsafe) field.get(null)).putLong(0L, 0L);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
