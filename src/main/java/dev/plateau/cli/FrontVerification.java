package dev.plateau.cli;

import dev.plateau.InputException;
import dev.plateau.data.PreparedData;
import dev.plateau.data.TaskMetric;
import dev.plateau.exec.InstanceResult;
import dev.plateau.landscape.RiskProxy;
import dev.plateau.train.TrainingCost;
import dev.plateau.model.DeployedModel;
import dev.plateau.robustness.DeclaredDisturbance;
import dev.plateau.robustness.NoiseFamily;
import dev.plateau.robustness.RankCorrelation;
import dev.plateau.robustness.RobustnessTest;
import dev.plateau.space.Metric;
import dev.plateau.space.NoiseGeometry;
import dev.plateau.store.Study;
import dev.plateau.store.VerificationTables;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Full noise testing of a study's Pareto set on its test rows — what {@code plateau verify} runs, and
 * what {@code search} runs at the end when it is cheap (see {@link #worthIt}) — with the measured score
 * per noise family written into {@code robustness.csv} and {@code pareto.csv}, and, for each family
 * a proxy predicts, the rank agreement (Spearman ρ) between predicted and measured over the front.
 */
final class FrontVerification {
    /** Noise draws per severity when a search verifies its own front. */
    static final int SEARCH_DRAWS = 10;
    /** The largest share of the study's training work that verification at the end of a search may add by default. */
    static final double AUTO_SHARE = 0.2;

    private FrontVerification() {}

    /**
     * Whether verifying the front costs at most {@link #AUTO_SHARE} of the study's training, both counted
     * in multiply-accumulates — the forward passes over the test rows against every instance's
     * {@link TrainingCost} (with the risk family's per-step overhead) — so the decision depends on the
     * study, not on the machine or its load.
     */
    static boolean worthIt(Study study, PreparedData data, int draws) {
        double stepOverhead = study.space().proxy().block(RiskProxy.Settings.class).stepOverhead();
        double training = 0;
        for (Study.Configuration c : study.configurations())
            for (InstanceResult r : c.instances())
                if (r.trained() && r.resources() != null) {
                    int rows = c.spec().trainingSamples() > 0 ? Math.min(c.spec().trainingSamples(), data.train().rows()) : data.train().rows();
                    training += TrainingCost.of(r.epochs(), rows, c.spec().batchSize(), c.spec().regularization(), r.resources().macs())
                            .macs(stepOverhead);
                }
        long passes = 0;
        for (NoiseFamily f : RobustnessTest.families(study.space().deployment())) passes += (long) f.severities().length * f.draws(draws);
        double verification = 0;
        for (Study.ArchiveMember m : study.archive())
            verification += (double) passes * data.test().rows() * study.representative(m).resources().macs();
        return verification <= AUTO_SHARE * training;
    }

    /** Verifies every archive member of {@code study}; prints one line each and the rank agreement. */
    static Map<String, RobustnessTest.Report> run(Study study, PreparedData data, int draws, PrintWriter out) throws IOException {
        Path dir = study.dir();
        if (data.test().rows() == 0)
            throw InputException.at(dir.resolve("study.yaml"), 0, "dataset.split.test", "the study has no test rows", "give the split a test fraction");
        Map<String, RobustnessTest.Report> reports = new LinkedHashMap<>();
        String metric = data.metric().errorLabel();
        List<NoiseFamily> families = RobustnessTest.families(study.space().deployment());
        for (Study.ArchiveMember m : study.archive()) {
            if (!Files.isRegularFile(m.modelFile()))
                throw InputException.at(m.modelFile(), 0, null, "model file missing", "resume the study to write its models");
            RobustnessTest.Report report = RobustnessTest.of(DeployedModel.read(m.modelFile()), data, draws, study.space().study().seed(), families);
            reports.put(m.configId(), report);
            StringBuilder line = new StringBuilder();
            report.scores().forEach((family, score) -> line.append(line.length() == 0 ? "" : ", ")
                    .append(family).append("_score ").append(String.format(Locale.ROOT, "%.4g", score)));
            out.printf(Locale.ROOT, "%s: clean %s %.4g, %s%n", m.configId(), metric, report.cleanMetric(), line);
            Double measured = report.deployedMetric();
            if (measured != null) {
                InstanceResult rep = study.representative(m);
                out.printf(Locale.ROOT, "  as deployed: predicted %.4g ± %.2g (validation rows: clean %.4g + predicted rises), measured %.4g "
                                + "(test rows: clean %.4g + the declared disturbances applied together, %d draws)%n",
                        rep.metric(Metric.DEPLOYED_METRIC), rep.standardError(Metric.DEPLOYED_METRIC), rep.taskError(), measured,
                        report.cleanMetric(), report.curves().stream().filter(c -> c.family().equals(DeclaredDisturbance.COMBINED))
                                .findFirst().orElseThrow().draws());
            }
        }
        VerificationTables.write(dir, reports, predictedColumns(study, reports));
        out.printf("verified: %s (curves) and scores in %s (metric: %s, lower is better, of each model as deployed: integer weights, "
                + "8 bits per channel for a float model; %d draws)%n", dir.resolve("robustness.csv"), dir.resolve("pareto.csv"), metric, draws);
        for (String line : agreement(study, reports)) out.println(line);
        return reports;
    }

    /**
     * For each noise family a proxy predicts — the declared (or probed) weight-noise geometry by
     * {@code weight_noise_risk} or {@code noise_curvature_metric}, random bit flips by
     * {@code fault_curvature_metric} or {@code fault_probe_metric}, Hessian-ranked flips by
     * {@code hessian_fault_metric}, Gaussian input noise by {@code input_noise_probe_metric} — Spearman ρ
     * between the representative instance's predicted value and the measured score over the front.
     */
    static List<String> agreement(Study study, Map<String, RobustnessTest.Report> reports) {
        List<String> lines = new ArrayList<>();
        predictors(study).forEach((family, proxies) -> {
            for (String proxy : proxies) {
                List<double[]> pairs = new ArrayList<>();
                for (Study.ArchiveMember m : study.archive()) {
                    RobustnessTest.Report r = reports.get(m.configId());
                    Double predicted = predicted(study.representative(m), family, proxy);
                    if (r != null && r.scores().containsKey(family) && predicted != null) pairs.add(new double[] {predicted, measured(r, family)});
                }
                if (pairs.size() < 3) continue;
                double[] x = pairs.stream().mapToDouble(p -> p[0]).toArray(), y = pairs.stream().mapToDouble(p -> p[1]).toArray();
                lines.add(String.format(Locale.ROOT, "  %s: predicted by %s, measured by full noise testing: Spearman %.2f over %d front members",
                        family, proxy, RankCorrelation.spearman(x, y), pairs.size()));
                break;
            }
        });
        return lines;
    }

    /** Each noise family a proxy predicts, with its predictors in order of preference (see {@link #agreement}). */
    static Map<String, List<String>> predictors(Study study) {
        var declared = study.space().deployment().weightNoise();
        NoiseGeometry geometry = declared != null ? declared.geometry()
                : study.space().proxy().block(dev.plateau.landscape.NoiseCurvatureProxy.Settings.class).geometry();
        Map<String, List<String>> predictors = new LinkedHashMap<>();
        predictors.put(DeclaredDisturbance.COMBINED, List.of(Metric.DEPLOYED_METRIC.label()));
        for (Metric part : Metric.deployedParts())
            predictors.put(DeclaredDisturbance.nameOf(part), List.of(part.risePredictor()));
        predictors.put("weight_" + geometry.label(), List.of("weight_noise_risk", "noise_curvature_metric"));
        predictors.put("bitflip_random", List.of("fault_curvature_metric", "fault_probe_metric"));
        predictors.put("bitflip_hessian", List.of("hessian_fault_metric"));
        predictors.put("input_gaussian", List.of("input_noise_probe_metric"));
        return predictors;
    }

    /** The representative instance's prediction for a family: the deployed metric itself for the whole deployment, else the proxy's value; null without it. */
    private static Double predicted(InstanceResult rep, String family, String proxy) {
        if (family.equals(DeclaredDisturbance.COMBINED)) return rep.metric(Metric.DEPLOYED_METRIC);  // clean error + rises, as measured
        return rep.proxies().containsKey(proxy) ? rep.proxies().get(proxy).value() : null;
    }

    /** What is measured for a family: the deployed metric (clean test error + rise) for the whole deployment, else the family's score. */
    private static double measured(RobustnessTest.Report r, String family) {
        return family.equals(DeclaredDisturbance.COMBINED) ? r.deployedMetric() : r.scores().get(family);
    }

    /**
     * Per member, the predicted value beside each measured family ({@code <family>_predicted}, from the
     * first of its predictors the representative instance has), and the deployed metric's prediction
     * with its standard error beside {@code deployed_metric_measured}.
     */
    static Map<String, Map<String, Double>> predictedColumns(Study study, Map<String, RobustnessTest.Report> reports) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Study.ArchiveMember m : study.archive()) {
            RobustnessTest.Report r = reports.get(m.configId());
            if (r == null) continue;
            InstanceResult rep = study.representative(m);
            Map<String, Double> columns = new LinkedHashMap<>();
            predictors(study).forEach((family, proxies) -> {
                if (!r.scores().containsKey(family)) return;
                if (family.equals(DeclaredDisturbance.COMBINED)) {
                    columns.put("deployed_metric_predicted", rep.metric(Metric.DEPLOYED_METRIC));
                    columns.put("deployed_metric_predicted_stderr", rep.standardError(Metric.DEPLOYED_METRIC));
                    return;
                }
                proxies.stream().map(p -> predicted(rep, family, p)).filter(java.util.Objects::nonNull).findFirst()
                        .ifPresent(v -> columns.put(family + "_predicted", v));
            });
            out.put(m.configId(), columns);
        }
        return out;
    }

}
