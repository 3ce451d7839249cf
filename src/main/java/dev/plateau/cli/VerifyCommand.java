package dev.plateau.cli;

import dev.plateau.InputException;
import dev.plateau.data.PreparedData;
import dev.plateau.model.DeployedModel;
import dev.plateau.robustness.Deployment;
import dev.plateau.robustness.NoiseFamily;
import dev.plateau.robustness.RobustnessTest;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchSpaceLoader;
import dev.plateau.store.Csv;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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
        Path paretoFile = dir.resolve("pareto.csv");
        if (!Files.isRegularFile(paretoFile) || !Files.isRegularFile(dir.resolve("study.yaml")))
            throw InputException.at(dir, 0, null, "not a finished study folder (no pareto.csv or study.yaml)", "run or resume the study first");
        SearchSpace space = SearchSpaceLoader.load(dir.resolve("study.yaml"));
        PreparedData data = StudyRun.prepare(space);
        if (data.test().rows() == 0)
            throw InputException.at(dir.resolve("study.yaml"), 0, "dataset.split.test", "the study has no test rows", "give the split a test fraction");
        double[][] range = data.featureRange();

        List<CSVRecord> pareto;
        List<String> header;
        try (Reader r = Files.newBufferedReader(paretoFile)) {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r);
            header = new ArrayList<>(parser.getHeaderNames());
            pareto = parser.getRecords();
        }
        List<NoiseFamily> families = RobustnessTest.allFamilies();
        List<List<String>> curveRows = new ArrayList<>();
        Map<String, Map<String, String>> scores = new LinkedHashMap<>();
        var out = spec.commandLine().getOut();
        for (CSVRecord row : pareto) {
            Path zip = dir.resolve(row.get("model_file"));
            if (!Files.isRegularFile(zip)) throw InputException.at(zip, 0, null, "model file missing", "resume the study to write its models");
            DeployedModel model = DeployedModel.read(zip);
            Deployment d = new Deployment(model.plateauNetwork(), model.integers(), model.input().networkRows(data.test()), range[0], range[1],
                    data::lowerIsBetter);
            Map<String, String> s = new LinkedHashMap<>();
            for (RobustnessTest.Curve c : RobustnessTest.run(d, families, draws, space.study().seed())) {
                s.put("clean_test_metric", Double.toString(c.clean()));
                s.put(c.family() + "_score", Double.toString(c.score()));
                for (int i = 0; i < c.severities().length; i++)
                    curveRows.add(List.of(row.get("config_id"), c.family(), Double.toString(c.severities()[i]), Double.toString(c.mean()[i]),
                            Double.toString(c.std()[i]), Integer.toString(c.draws()), Double.toString(c.clean())));
            }
            scores.put(row.get("config_id"), s);
            out.printf(Locale.ROOT, "%s: clean %s, %s%n", row.get("config_id"), s.get("clean_test_metric"),
                    String.join(", ", s.entrySet().stream().filter(e -> e.getKey().endsWith("_score"))
                            .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.4g", Double.parseDouble(e.getValue()))).toList()));
        }
        Csv.write(dir.resolve("robustness.csv"), List.of("config_id", "family", "severity", "metric_mean", "metric_std", "draws", "clean_metric"), curveRows);
        List<String> added = scores.isEmpty() ? List.of() : List.copyOf(scores.values().iterator().next().keySet());
        List<String> newHeader = new ArrayList<>(header.stream().filter(h -> !added.contains(h)).toList());
        newHeader.addAll(added);
        List<List<String>> rows = new ArrayList<>();
        for (CSVRecord row : pareto) {
            List<String> r = new ArrayList<>();
            for (String h : newHeader) r.add(added.contains(h) ? scores.get(row.get("config_id")).get(h) : row.get(h));
            rows.add(r);
        }
        Csv.write(paretoFile, newHeader, rows);
        out.printf("written: %s (curves) and scores in %s (metric: %s, lower is better; %d draws)%n", dir.resolve("robustness.csv"),
                paretoFile, data.metric() == dev.plateau.data.TaskMetric.ACCURACY ? "1 - accuracy" : data.metric().label(), draws);
        return 0;
    }

}
