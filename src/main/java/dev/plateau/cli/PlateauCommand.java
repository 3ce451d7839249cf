package dev.plateau.cli;

import dev.plateau.InputException;
import java.io.PrintWriter;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code plateau}: the command line (design §5). User mistakes — a bad flag, search space or data
 * file — print one line naming the file, line/field and the fix, and exit with code 2; nothing else
 * prints a stack trace to the user (it goes to the log).
 */
@Command(name = "plateau", mixinStandardHelpOptions = true, versionProvider = PlateauCommand.Version.class,
        description = "Selects robust small neural networks: evolutionary search scored by loss-landscape flatness proxies.",
        subcommands = {SearchCommand.class, ResumeCommand.class, StatusCommand.class, LandscapeCommand.class, VerifyCommand.class,
                ValidateCommand.class, ExportCommand.class, ReportCommand.class, PredictCommand.class, DataCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class PlateauCommand implements Runnable {
    static final int USER_ERROR = 2;
    private static final Logger LOG = LogManager.getLogger(PlateauCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    public static void main(String[] args) {
        dev.plateau.model.runtime.ReachableOpExecutioner.install();
        PrintWriter out = new PrintWriter(System.out, true), err = new PrintWriter(System.err, true);
        try {
            System.exit(SupervisedLaunch.run(args, out, err));
        } catch (Exception e) {
            LOG.error("supervisor error", e);
            err.println("plateau: internal error in the supervisor: " + e + " (a bug; run with --max-restarts 0 to do without it)");
            System.exit(1);
        }
    }

    /** Runs the command line and returns the exit code, printing to {@code out} and {@code err}. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new PlateauCommand());
        cli.setOut(out).setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            err.println("plateau: " + ex.getMessage().replace('\n', ' ') + " (fix: see 'plateau "
                    + c.getCommandSpec().qualifiedName(" ").replaceFirst("^plateau ?", "") + " --help')");
            return USER_ERROR;
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            Throwable cause = ex;
            while (!(cause instanceof InputException) && cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
            if (cause instanceof InputException input) {
                err.println("plateau: " + input.oneLine());
                return USER_ERROR;
            }
            LOG.error("internal error", ex);
            err.println("plateau: internal error: " + ex + " (a bug; the log has the stack trace)");
            return 1;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() { return new String[] {"plateau " + dev.plateau.store.Provenance.currentVersion() + " (code " + dev.plateau.CodeVersion.current() + ")"}; }
    }
}
