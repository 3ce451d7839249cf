package dev.plateau.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.plateau.exec.CrashIsolation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code crashes.jsonl} in a study folder: one line per death of the study process that its
 * supervisor restarted (or gave up on), with the cause and the instances that were running. A
 * restarted process reads it to run the suspects alone and to fail an instance that crashed twice
 * ({@link CrashIsolation}); {@code plateau status} lists it.
 */
public final class CrashLog {
    static final String FILE = "crashes.jsonl";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /**
     * One process death.
     *
     * @param time        when the supervisor saw it (UTC, ISO-8601)
     * @param pid         the study process
     * @param exitCode    its exit status (128 + the signal number when a signal ended it)
     * @param cause       the signal and, with a HotSpot error report, the native frame and thread
     * @param errorReport the error report moved into the folder ({@code crashes/hs_err_pidN.log}), or null
     * @param inFlight    the instance keys that were running
     * @param restarted   whether the supervisor started the study again after it
     */
    public record Crash(String time, long pid, int exitCode, String cause, String errorReport, List<String> inFlight, boolean restarted) {
        public Crash {
            inFlight = List.copyOf(inFlight);
        }
    }

    private CrashLog() {}

    public static List<Crash> read(Path studyDir) throws IOException {
        Path file = studyDir.resolve(FILE);
        if (!Files.exists(file)) return List.of();
        List<Crash> crashes = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8))
            if (line.endsWith("}")) crashes.add(JSON.readValue(line, Crash.class));  // a torn last line is dropped
        return crashes;
    }

    public static void append(Path studyDir, Crash crash) throws IOException {
        Files.writeString(studyDir.resolve(FILE), JSON.writeValueAsString(crash) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The crash history of a study as the engine uses it, recording in-flight instances into the folder. */
    public static CrashIsolation isolation(Path studyDir) throws IOException {
        Map<String, Integer> crashesPerInstance = new HashMap<>();
        for (Crash c : read(studyDir))
            for (String key : new HashSet<>(c.inFlight())) crashesPerInstance.merge(key, 1, Integer::sum);
        Set<String> suspects = new HashSet<>(), crashed = new HashSet<>();
        crashesPerInstance.forEach((key, n) -> (n >= 2 ? crashed : suspects).add(key));
        return new CrashIsolation(suspects, crashed, new InFlightFile(studyDir));
    }
}
