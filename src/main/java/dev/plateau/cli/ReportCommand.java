package dev.plateau.cli;

import dev.plateau.report.StudyReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code plateau report DIR}: writes {@code DIR/report.html} (see {@link StudyReport}). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write DIR/report.html: the study at a glance, one self-contained file that opens offline in a browser.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "a study or validate folder (running, stopped or finished)")
    Path dir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path report = StudyReport.write(dir);
        spec.commandLine().getOut().printf("written: %s (open it in a browser; it needs no network)%n", report);
        return 0;
    }
}
