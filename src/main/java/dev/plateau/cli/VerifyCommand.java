package dev.plateau.cli;

import dev.plateau.report.StudyReport;
import dev.plateau.InputException;
import dev.plateau.data.DatasetLoader;
import dev.plateau.store.Study;
import dev.plateau.store.StudyReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plateau verify DIR}: full noise testing of a finished study's Pareto set on its test rows —
 * every family's degradation curve to {@code robustness.csv}, and each family's score (plus the clean
 * test metric) added to {@code pareto.csv}, and where a proxy predicts a family, the rank agreement
 * between predicted and measured over the front ({@link FrontVerification}).
 */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Full noise testing of a study's Pareto set; scores go into pareto.csv.")
final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "a finished study folder")
    Path dir;

    @Option(names = "--draws", defaultValue = "30", description = "noise draws per severity (default: ${DEFAULT-VALUE})")
    int draws;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (draws < 1) throw InputException.ofOption("--draws", "must be at least 1, got " + draws, "use e.g. 30");
        if (!Files.isRegularFile(dir.resolve("pareto.csv")) || !Files.isRegularFile(dir.resolve("study.yaml")))
            throw InputException.at(dir, 0, null, "not a finished study folder (no pareto.csv or study.yaml)", "run or resume the study first");
        Study study = StudyReader.read(dir);
        FrontVerification.run(study, DatasetLoader.prepare(study.space()), draws, spec.commandLine().getOut());
        ModelChoice.print(StudyReader.read(dir), spec.commandLine().getOut());
        StudyReport.refresh(dir);
        return 0;
    }
}
