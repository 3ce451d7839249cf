package dev.plateau.cli;

import dev.plateau.export.ExportPick;
import dev.plateau.store.Study;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * The few lines that end a search or a verification: which Pareto member to take for which need —
 * the most accurate as deployed, the cheapest within 10 % of it, the knee — with its figures, its
 * model file and the export command that hands it to a hardware flow. The picks are
 * {@link ExportPick}'s rules, so what is printed is what {@code plateau export --pick} writes.
 */
final class ModelChoice {
    /** "Within 10 % of the most accurate": the cheapest pick's default tolerance. */
    static final double TOLERANCE = 0.1;

    private ModelChoice() {}

    static void print(Study study, PrintWriter out) {
        if (study.archive().isEmpty()) return;
        String metric = errorLabel(study);
        out.println("which model to take (plateau export " + study.dir() + " --pick RULE writes it for hls4ml/FINN and ONNX Runtime):");
        boolean verified = study.archive().stream().allMatch(m -> study.verification().containsKey(m.configId()));
        if (verified) {
            Map<Study.ArchiveMember, Double> deployed = ExportPick.deployedErrors(study);
            String as = study.space().deployment().declaresAny() ? "as deployed (measured under the declared disturbances)" : "as deployed (integer weights)";
            Study.ArchiveMember best = new ExportPick("best-deployed", TOLERANCE).from(study);
            Study.ArchiveMember cheap = new ExportPick("cheapest", TOLERANCE).from(study);
            line(out, study, "most accurate " + as, best, String.format(Locale.ROOT, "%s %.4g", metric, deployed.get(best)), "best-deployed");
            line(out, study, "cheapest within 10 % of it", cheap, String.format(Locale.ROOT, "%s %.4g, %s %.3g (vs %.3g)", metric,
                    deployed.get(cheap), ExportPick.costName(study), ExportPick.cost(study, cheap), ExportPick.cost(study, best)), "cheapest");
        } else {
            out.println("  (the front is not verified: run plateau verify " + study.dir() + " for the most accurate as deployed and the cheapest pick)");
        }
        Study.ArchiveMember knee = new ExportPick("knee", TOLERANCE).from(study);
        line(out, study, "knee of the front (nearest the ideal point)", knee, String.format(Locale.ROOT, "%s %.4g (validation), %s %.3g",
                metric, ExportPick.taskError(study.configuration(knee.configId()).orElseThrow()), ExportPick.costName(study),
                ExportPick.cost(study, knee)), "knee");
    }

    private static void line(PrintWriter out, Study study, String need, Study.ArchiveMember m, String figures, String rule) {
        out.printf("  %-58s %s  %s  model %s  (--pick %s)%n", need + ":", m.configId(), figures, study.dir().relativize(m.modelFile()), rule);
    }

    private static String errorLabel(Study study) {
        var c = study.configuration(study.archive().get(0).configId()).orElseThrow();
        return c.instances().stream().filter(dev.plateau.exec.InstanceResult::ok).findFirst()
                .map(r -> dev.plateau.data.TaskMetric.ofLabel(r.metricName()).errorLabel()).orElse("error");
    }
}
