package dev.plateau;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The Plateau code that produced a result: the git commit it was built from and whether tracked files
 * differed from it, captured at build time ({@code plateau-git.properties}, git-commit-id-maven-plugin).
 * Written as {@code <commit>} or {@code <commit>-dirty}; {@code unknown} for a build outside a git checkout.
 */
public final class CodeVersion {
    private static final String CURRENT = read();

    private CodeVersion() {}

    /** The code version of this build. */
    public static String current() { return CURRENT; }

    private static String read() {
        try (InputStream in = CodeVersion.class.getResourceAsStream("/plateau-git.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            String commit = p.getProperty("git.commit.id", "");
            if (!commit.matches("[0-9a-f]{40}")) return "unknown";
            return commit + (Boolean.parseBoolean(p.getProperty("git.dirty")) ? "-dirty" : "");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
