package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input/cases.txt}): malformed search spaces, CSV
 * files and command lines. Each ends with exit code 2 and one line naming the file, line/field and the
 * fix, prints no stack trace, and writes nothing.
 */
class BadInputTest {
    static final Path CASES = Path.of("src/test/resources/bad-input/cases.txt");

    @TempDir
    Path tmp;

    static Stream<Arguments> cases() throws IOException {
        return Files.readAllLines(CASES).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> {
            int bar = l.lastIndexOf(" | ");
            return Arguments.of(l.substring(0, bar).trim(), l.substring(bar + 3).trim());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneLineAndExitCodeTwo(String command, String expected) throws Exception {
        Path study = tmp.resolve("study");
        Files.createDirectories(study);
        Files.writeString(study.resolve("study.yaml"), "dataset: {calo: {}}\n");
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty);
        String[] args = command.isEmpty() ? new String[0]
                : command.replace("{study}", study.toString()).replace("{tmp}", empty.toString()).split(" +");
        expected = expected.replace("{study}", study.toString()).replace("{tmp}", empty.toString());

        StringWriter stdout = new StringWriter(), stderr = new StringWriter();
        int code = PlateauCommand.execute(args, new PrintWriter(stdout, true), new PrintWriter(stderr, true));
        String err = stderr.toString().trim();
        assertEquals(2, code, err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.contains(expected), err);
        assertTrue(err.contains("fix"), "says how to fix it: " + err);
        assertFalse(err.contains("Exception:") || err.contains("\tat "), "no stack trace: " + err);
        try (var left = Files.list(empty)) {
            assertEquals(List.of(), left.toList(), "nothing written");
        }
        assertFalse(Files.exists(Path.of("results", "bad")), "no study folder for a bad study");
    }

    @org.junit.jupiter.api.Test
    void theCorpusHasAtLeastFortyCases() throws IOException {
        assertTrue(cases().count() >= 40);
    }
}
