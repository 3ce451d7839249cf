package dev.plateau.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code status.json}: what a study is doing, for {@code plateau status} and for people looking at
 * the folder. Rewritten atomically at each change.
 *
 * @param state   running, stopped (resumable), finished
 * @param message why it stopped, or how to continue
 */
public record StudyStatus(
        String state,
        long pid,
        int generation,
        int generations,
        int candidates,
        int failed,
        int archive,
        String started,
        String updated,
        String message) {

    public static final String RUNNING = "running", STOPPED = "stopped", FINISHED = "finished";

    void write(Path dir) throws IOException {
        Path tmp = dir.resolve("status.json.tmp");
        StudyFolder.JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, dir.resolve("status.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static StudyStatus read(Path dir) throws IOException {
        return StudyFolder.JSON.readValue(dir.resolve("status.json").toFile(), StudyStatus.class);
    }
}
