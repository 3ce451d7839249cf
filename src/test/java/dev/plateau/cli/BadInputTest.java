package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** User mistakes end with exit code 2 and one line naming the file, line/field and the fix. */
class BadInputTest {
    static final String BAD = "src/test/resources/bad-input/";

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "search " + BAD + "unknown-key.yaml | unknown-key.yaml:9: field 'architecture.dense_widht': unknown key",
            "search " + BAD + "wrong-type.yaml | wrong-type.yaml:7: field 'training.epochs[1]': expected an integer",
            "search " + BAD + "missing-file.yaml | missing-file.yaml:5: field 'dataset.csv.path': file",
            "search " + BAD + "non-numeric.yaml | non-numeric.csv:3: field 'b': 'oops' is not a finite number",
            "search " + BAD + "bad-syntax.yaml | bad-syntax.yaml:3: not valid YAML",
            "search " + BAD + "no-such-space.yaml | no-such-space.yaml: search-space file not found",
            "search search-spaces/quickstart.yaml --workers abc | Invalid value for option '--workers'",
            "search search-spaces/quickstart.yaml --workers -3 | command line: field '--workers': must be between 0 and 1024",
            "search search-spaces/quickstart.yaml --seed 0 | command line: field '--seed': must be at least 1",
            "search | Missing required parameter: 'SPACE.yaml'",
            "search search-spaces/quickstart.yaml --frobnicate | Unknown option: '--frobnicate'",
            "data calo --variant C --out x.csv | command line: field '--variant': 'C' is not a variant",
            "data calo --events 0 --out x.csv | field '--events': must be at least 1"})
    void oneLineAndExitCodeTwo(String command, String expected) throws Exception {
        StringWriter stdout = new StringWriter(), stderr = new StringWriter();
        String[] args = command.trim().split(" +");
        for (int i = 0; i < args.length; i++) if (args[i].equals("x.csv")) args[i] = out.resolve("x.csv").toString();
        int code = PlateauCommand.execute(args, new PrintWriter(stdout, true), new PrintWriter(stderr, true));
        String err = stderr.toString().trim();
        assertEquals(2, code, err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.contains(expected.trim()), err);
        assertTrue(err.contains("fix"), "says how to fix it: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        assertFalse(Files.exists(out.resolve("x.csv")));
    }
}
