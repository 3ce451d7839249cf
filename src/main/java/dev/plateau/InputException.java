package dev.plateau;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A mistake in what the user gave Plateau (a search space, a CSV file, a command-line flag), as
 * opposed to a bug. The command line prints {@link #oneLine()} and exits with code 2, no stack trace.
 *
 * <pre>{@code
 * throw InputException.at(path, 12, "training.epochs", "must be at least 1, got 0", "use e.g. [5, 20]");
 * }</pre>
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String field;
    private final String problem;
    private final String fix;

    private InputException(String source, int line, String field, String problem, String fix) {
        super(format(source, line, field, problem, fix));
        this.source = Objects.requireNonNull(source, "source");
        this.line = line;
        this.field = field;
        this.problem = Objects.requireNonNull(problem, "problem");
        this.fix = fix;
    }

    /** A problem at a known line ({@code line <= 0} when unknown) and field ({@code null} when none). */
    public static InputException at(Path file, int line, String field, String problem, String fix) {
        return new InputException(file.toString(), line, field, problem, fix);
    }

    /** A problem with a command-line option or argument, named by {@code source} (e.g. "--workers"). */
    public static InputException ofOption(String option, String problem, String fix) {
        return new InputException("command line", 0, option, problem, fix);
    }

    public String source() { return source; }

    public int line() { return line; }

    public String field() { return field; }

    public String problem() { return problem; }

    public String fix() { return fix; }

    /** The message the user sees: {@code file:line: field 'x': problem (fix)} on one line. */
    public String oneLine() { return getMessage(); }

    private static String format(String source, int line, String field, String problem, String fix) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) sb.append(':').append(line);
        sb.append(": ");
        if (field != null && !field.isEmpty()) sb.append("field '").append(field).append("': ");
        sb.append(problem.replace('\n', ' '));
        if (fix != null && !fix.isEmpty()) sb.append(" (fix: ").append(fix.replace('\n', ' ')).append(')');
        return sb.toString();
    }
}
