package dev.plateau.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.plateau.exec.CrashIsolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code in-flight.json}: the instances the study process is running now, rewritten atomically at
 * every start and end. After the process dies, its supervisor reads what was running from it. No
 * fsync: a dead process's writes are in the operating system's cache already; only a machine crash
 * loses them, and then the supervisor is gone too.
 */
public final class InFlightFile implements CrashIsolation.InFlight {
    static final String FILE = "in-flight.json";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Logger LOG = LogManager.getLogger(InFlightFile.class);

    /** What a process was running: its pid and the instance keys. */
    public record Snapshot(long pid, List<String> instances) {}

    private final Path dir;
    private final Set<String> running = new LinkedHashSet<>();

    InFlightFile(Path dir) { this.dir = dir; }

    @Override
    public synchronized void started(String instanceKey) {
        running.add(instanceKey);
        write();
    }

    @Override
    public synchronized void finished(String instanceKey) {
        running.remove(instanceKey);
        write();
    }

    private void write() {
        try {
            Path tmp = dir.resolve(FILE + ".tmp");
            JSON.writeValue(tmp.toFile(), new Snapshot(ProcessHandle.current().pid(), new ArrayList<>(running)));
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the study goes on; only a later crash would be harder to attribute
            LOG.warn("cannot record the running instances in {}: {}", dir.resolve(FILE), e.toString());
        }
    }

    /** The instances that process {@code pid} was running when it last wrote the file (none if another process wrote it). */
    public static List<String> of(Path studyDir, long pid) throws IOException {
        Path file = studyDir.resolve(FILE);
        if (!Files.exists(file)) return List.of();
        Snapshot s = JSON.readValue(file.toFile(), Snapshot.class);
        return s.pid() == pid ? s.instances() : List.of();
    }
}
