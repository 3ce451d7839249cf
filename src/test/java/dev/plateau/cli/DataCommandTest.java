package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
    static int run(String... args) { return CliRun.of(args).code(); }

    @Test
    void writesShowersDeterministically(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.csv"), b = dir.resolve("sub/b.csv");
        assertEquals(0, run("data", "calo", "--variant", "B", "--events", "50", "--seed", "3", "--out", a.toString()));
        assertEquals(0, run("data", "calo", "--variant", "b", "--events", "50", "--seed", "3", "--out", b.toString()));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        List<String> lines = Files.readAllLines(a);
        assertEquals(51, lines.size());
        String[] header = lines.get(0).split(",");
        assertEquals(5 + 225, header.length);
        assertEquals("energy_gev", header[0]);
        assertEquals("cell_14_14", header[header.length - 1]);
    }
}
