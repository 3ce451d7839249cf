package dev.plateau.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CrashIsolationTest {
    /**
     * Runs the instances on 4 threads, each holding its slot for a moment; returns the most instances that ran
     * beside a suspect, and the most that ran at once.
     */
    private static int[] runTogether(CrashIsolation isolation, List<String> keys) throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger besideSuspect = new AtomicInteger(), most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String key : keys)
                futures.add(pool.submit(() -> isolation.run(key, () -> {
                    int now = running.incrementAndGet();
                    most.accumulateAndGet(now, Math::max);
                    if (isolation.suspect(key)) besideSuspect.accumulateAndGet(now - 1, Math::max);
                    try {
                        Thread.sleep(3);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    running.decrementAndGet();
                    return null;
                })));
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
        return new int[] {besideSuspect.get(), most.get()};
    }

    @Test
    void suspectsRunAloneAndEveryInstanceIsRecordedInFlightWhileItRuns() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 40; i++) keys.add("c" + i + "-s1");
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        var recorder = new CrashIsolation.InFlight() {
            @Override
            public void started(String key) { events.add("+" + key); }

            @Override
            public void finished(String key) { events.add("-" + key); }
        };
        var isolation = new CrashIsolation(Set.of("c5-s1", "c17-s1", "c30-s1"), Set.of("c9-s1"), recorder);
        int[] together = runTogether(isolation, keys);
        assertEquals(0, together[0], "nothing ran beside a suspect");
        assertTrue(together[1] > 1, "the others ran side by side: " + together[1]);
        assertEquals(80, events.size());
        for (String key : keys) assertTrue(events.indexOf("+" + key) < events.indexOf("-" + key), key);
        assertTrue(isolation.crashedTwice("c9-s1"));
        assertFalse(isolation.crashedTwice("c5-s1"));
    }
}
