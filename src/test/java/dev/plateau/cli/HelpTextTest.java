package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Picocli formats every description with String.format: a lone '%' (as in "20 %") makes it warn on
 * stderr on every --help and print the raw text. Every command's help renders without a warning.
 */
class HelpTextTest {
    @Test
    void everyCommandsHelpRendersWithoutAWarning() {
        PrintStream err = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        StringBuilder help = new StringBuilder();
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            CommandLine root = new CommandLine(new PlateauCommand());
            help.append(root.getUsageMessage());
            root.getSubcommands().values().forEach(c -> help.append(c.getUsageMessage()));
        } finally {
            System.setErr(err);
        }
        assertEquals("", warnings.toString(StandardCharsets.UTF_8), "picocli warnings");
        assertTrue(help.toString().contains("at most 20 % of the study's"), "a literal % is written %%");
    }
}
