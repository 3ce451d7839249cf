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
        State state,
        long pid,
        int generation,
        int generations,
        int candidates,
        int failed,
        int archive,
        String started,
        String updated,
        String message) {

    /** What a study process is doing with its study. */
    public enum State {
        RUNNING, STOPPED, FINISHED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static State parse(String label) { return valueOf(label.toUpperCase(java.util.Locale.ROOT)); }
    }

    void write(Path dir) throws IOException {
        Path tmp = dir.resolve("status.json.tmp");
        StudyFolder.JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, dir.resolve("status.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static StudyStatus read(Path dir) throws IOException {
        return StudyFolder.JSON.readValue(dir.resolve("status.json").toFile(), StudyStatus.class);
    }
}
