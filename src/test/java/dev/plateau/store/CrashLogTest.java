package dev.plateau.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashLogTest {
    @Test
    void oneCrashMakesASuspectTwoMakeANativeCrashAndATornLineIsIgnored(@TempDir Path dir) throws Exception {
        CrashLog.append(dir, new CrashLog.Crash("t1", 11, 134, "SIGSEGV in x", "crashes/hs_err_pid11.log", List.of("a-s1", "b-s1"), true));
        CrashLog.append(dir, new CrashLog.Crash("t2", 12, 137, "killed by SIGKILL", null, List.of("a-s1"), true));
        Files.writeString(dir.resolve(CrashLog.FILE), "{\"time\":\"t3\",\"pid\":1", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(2, CrashLog.read(dir).size());
        var isolation = CrashLog.isolation(dir);
        assertTrue(isolation.crashedTwice("a-s1"));
        assertFalse(isolation.suspect("a-s1"));
        assertTrue(isolation.suspect("b-s1"));
        assertFalse(isolation.crashedTwice("b-s1") || isolation.suspect("c-s1"));
    }

    @Test
    void theInFlightFileNamesWhatItsProcessRuns(@TempDir Path dir) throws Exception {
        var isolation = CrashLog.isolation(dir);
        long pid = ProcessHandle.current().pid();
        List<String> during = isolation.run("x-s2", () -> {
            try {
                return InFlightFile.of(dir, pid);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals(List.of("x-s2"), during);
        assertEquals(List.of(), InFlightFile.of(dir, pid));
        assertEquals(List.of(), InFlightFile.of(dir, pid + 1), "another process's file says nothing about this one");
    }
}
