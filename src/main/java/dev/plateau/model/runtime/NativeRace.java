package dev.plateau.model.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Provokes the race that {@link ReachableOpExecutioner} closes: threads add a bias row to fresh
 * activations (the broadcast of every dense layer's forward pass) while another thread asks for a
 * garbage collection every millisecond, so that collections land inside native calls far more often
 * than in training. With ND4J's stock executioner the JVM dies within seconds (SIGSEGV in
 * {@code sd::DataBuffer::primary()}); with the fenced one it runs to the end.
 */
public final class NativeRace {
    private NativeRace() {}

    /** Runs the race for {@code duration} on {@code threads} threads and returns the ops done. */
    public static long run(Duration duration, int threads) throws InterruptedException {
        AtomicLong ops = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        Thread collector = new Thread(() -> {
            while (System.nanoTime() < end) {
                System.gc();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "native-race-gc");
        collector.setDaemon(true);
        collector.start();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                INDArray bias = Nd4j.rand(DataType.FLOAT, 1, 32);
                long n = 0;
                while (System.nanoTime() < end) {
                    Nd4j.createUninitialized(DataType.FLOAT, 16, 32).addiRowVector(bias);
                    n++;
                }
                ops.addAndGet(n);
            }, "native-race-" + t);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) w.join();
        collector.interrupt();
        return ops.get();
    }
}
