// Driver journal throughput (docs/benchmarks.md, "Spark engine"), run as a single source file:
// java -cp 'target/plateau.jar:target/lib/*' src/bench/JournalRate.java STUDY/journal.jsonl 2000 /tmp
import dev.plateau.exec.InstanceResult;
import dev.plateau.store.Journal;
import java.nio.file.*;

/** Appends N copies of a real journal line's result (fsync each, as the driver does) and prints appends per second. */
public class JournalRate {
    public static void main(String[] args) throws Exception {
        var entries = Journal.read(Path.of(args[0]));
        InstanceResult r = entries.get(0).result();
        int n = Integer.parseInt(args[1]);
        Path file = Files.createTempFile(Path.of(args[2]), "journal", ".jsonl");
        Files.delete(file);
        Journal j = Journal.open(file);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) j.append(1, r);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%d appends in %.2f s: %.0f per second, %.2f ms each, %d bytes per line%n", n, s, n / s, 1000 * s / n,
                Files.size(file) / n);
    }
}
