package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The garbage-collection race inside ND4J's native calls, provoked for 10 s in a JVM of its own: with
 * ND4J's stock executioner it kills the JVM within seconds (5 of 5 runs within 14 s, docs/benchmarks.md),
 * with the one {@code main} installs it must not.
 */
class NativeRaceTest {
    @Test
    void theFencedExecutionerSurvivesTheRace(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("race.log");
        Process p = ChildStudy.start(log, "bench", "native-race", "--seconds", "10");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("ReachableOpExecutioner") && out.contains("no crash"), out);
    }
}
