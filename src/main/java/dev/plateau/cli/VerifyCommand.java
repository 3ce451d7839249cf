package dev.plateau.cli;

import dev.plateau.report.StudyReport;
import dev.plateau.InputException;
import dev.plateau.data.DatasetLoader;
import dev.plateau.data.PreparedData;
import dev.plateau.data.TaskMetric;
import dev.plateau.model.DeployedModel;
import dev.plateau.robustness.RobustnessTest;
import dev.plateau.store.Study;
import dev.plateau.store.StudyReader;
import dev.plateau.store.VerificationTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plateau verify DIR}: full noise testing of a finished study's Pareto set on its test rows —
 * every family's degradation curve to {@code robustness.csv}, and each family's score (plus the clean
 * test metric) added to {@code pareto.csv}.
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
        PreparedData data = DatasetLoader.prepare(study.space());
        if (data.test().rows() == 0)
            throw InputException.at(dir.resolve("study.yaml"), 0, "dataset.split.test", "the study has no test rows", "give the split a test fraction");
        var out = spec.commandLine().getOut();
        Map<String, RobustnessTest.Report> reports = new LinkedHashMap<>();
        for (Study.ArchiveMember m : study.archive()) {
            if (!Files.isRegularFile(m.modelFile()))
                throw InputException.at(m.modelFile(), 0, null, "model file missing", "resume the study to write its models");
            RobustnessTest.Report report = RobustnessTest.of(DeployedModel.read(m.modelFile()), data, draws, study.space().study().seed());
            reports.put(m.configId(), report);
            StringBuilder line = new StringBuilder();
            report.scores().forEach((family, score) -> line.append(line.length() == 0 ? "" : ", ")
                    .append(family).append("_score ").append(String.format(Locale.ROOT, "%.4g", score)));
            out.printf(Locale.ROOT, "%s: clean %s %.4g, %s%n", m.configId(), metricName(data), report.cleanMetric(), line);
        }
        VerificationTables.write(dir, reports);
        StudyReport.refresh(dir);
        out.printf("written: %s (curves) and scores in %s (metric: %s, lower is better, of each model as deployed: integer weights, "
                + "8 bits per channel for a float model; %d draws)%n", dir.resolve("robustness.csv"), dir.resolve("pareto.csv"), metricName(data), draws);
        return 0;
    }

    private static String metricName(PreparedData data) {
        return data.metric() == TaskMetric.ACCURACY ? "1 - accuracy" : data.metric().label();
    }
}
