package dev.plateau.cli;

import dev.plateau.supervise.Supervisor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * How {@code main} runs a command: {@code search}, {@code resume} and {@code validate} under a
 * {@link Supervisor} that restarts their JVM after a crash; everything else (and those three with
 * {@code --max-restarts 0}, or inside the supervised child) in this process.
 */
final class SupervisedLaunch {
    static final int DEFAULT_MAX_RESTARTS = 3;

    /** A command that may run under the supervisor. */
    interface Restartable {
        int maxRestarts();

        /** The command's wall-time budget, or null. */
        default Duration budget() { return null; }

        /** The arguments that continue the study in {@code dir} after its process died. */
        List<String> continuation(List<String> originalArgs, Path dir, Duration remainingBudget);
    }

    static final int MAX_RESTARTS_LIMIT = 1000;

    static void checkMaxRestarts(int n) {
        if (n < 0 || n > MAX_RESTARTS_LIMIT)
            throw dev.plateau.InputException.ofOption("--max-restarts", "must be between 0 and " + MAX_RESTARTS_LIMIT + ", got " + n,
                    "e.g. 3; 0 runs without a supervisor");
    }

    private SupervisedLaunch() {}

    static int run(String[] args, PrintWriter out, PrintWriter err) throws Exception {
        if (System.getenv(Supervisor.STUDY_FILE_ENV) != null) {
            Supervisor.stopWithParent();
            return PlateauCommand.execute(args, out, err);
        }
        CommandLine.ParseResult sub;
        try {
            sub = new CommandLine(new PlateauCommand()).parseArgs(args).subcommand();
        } catch (CommandLine.ParameterException e) {
            return PlateauCommand.execute(args, out, err);  // prints the one-line error
        }
        if (sub == null || sub.isUsageHelpRequested() || sub.isVersionHelpRequested()
            || !(sub.commandSpec().userObject() instanceof Restartable command) || command.maxRestarts() <= 0)
            return PlateauCommand.execute(args, out, err);
        if (command.maxRestarts() > MAX_RESTARTS_LIMIT)
            return PlateauCommand.execute(args, out, err);  // the command itself rejects it with the one-line error
        List<String> original = Arrays.asList(args);
        return new Supervisor(PlateauCommand.class.getName(), command.maxRestarts(), command.budget(), err)
                .run(original, (dir, left) -> command.continuation(original, dir, left));
    }

    /** A duration as {@link DurationConverter} reads it, rounded up to whole seconds. */
    static String seconds(Duration d) { return Math.max(1, (d.toMillis() + 999) / 1000) + "s"; }
}
