package dev.plateau.export;

import dev.plateau.InputException;
import dev.plateau.exec.InstanceResult;
import dev.plateau.landscape.ProxyFamilies;
import dev.plateau.robustness.RobustnessTest;
import dev.plateau.space.Direction;
import dev.plateau.space.ObjectiveSpec;
import dev.plateau.store.Study;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which Pareto member to export: {@code knee} — the member nearest the ideal point in normalised
 * objectives (ideal 0, reference 1 per objective: the study's hypervolume normalisation, or the
 * archive's own best and worst); {@code most-robust} — among the members whose task error (validation
 * metric, 1 − accuracy for a classifier) is within {@code tolerance} (relative) of the best, the one
 * with the best verified robustness (lowest mean rank over {@code plateau verify}'s noise families) or, without
 * verification, the best predicted robustness (the first objective that is a flatness proxy or a
 * deployed metric);
 * {@code best-deployed} — the lowest task error of the model as deployed, measured by {@code plateau verify}
 * (integer weights under the study's declared disturbances, or clean when it declares none);
 * {@code cheapest} — the cheapest member (first hardware objective, else BOPs) whose task error as
 * deployed is within {@code tolerance} of best-deployed's; or a configuration id.
 */
public record ExportPick(String rule, double tolerance) {
    /** The picked archive member. @throws InputException when the rule cannot be applied to this study */
    public Study.ArchiveMember from(Study study) {
        List<Study.ArchiveMember> members = study.archive();
        if (members.isEmpty())
            throw InputException.at(study.dir().resolve("pareto.csv"), 0, null, "the study has no Pareto members (no models)",
                    "run or resume the study until a generation finishes");
        return switch (rule) {
            case "knee" -> knee(study);
            case "most-robust" -> mostRobust(study);
            case "best-deployed" -> {
                Map<Study.ArchiveMember, Double> deployed = deployedErrors(study);
                yield members.stream().min(Comparator.comparingDouble(deployed::get)).orElseThrow();
            }
            case "cheapest" -> cheapest(study);
            default -> members.stream().filter(m -> m.configId().equals(rule)).findFirst().orElseThrow(() -> InputException.ofOption("--pick",
                    "'" + rule + "' is neither a rule nor a configuration id of the Pareto set (" + members.size() + " members)",
                    "use knee, most-robust, best-deployed, cheapest, or one of: " + String.join(", ", members.stream().map(Study.ArchiveMember::configId).toList())));
        };
    }

    private static Study.ArchiveMember knee(Study study) {
        List<ObjectiveSpec> objectives = study.space().search().objectives();
        List<Study.ArchiveMember> members = study.archive();
        int k = objectives.size();
        double[] ideal = new double[k], reference = new double[k];
        for (int i = 0; i < k; i++) {
            String label = objectives.get(i).label();
            boolean min = objectives.get(i).direction() == Direction.MIN;
            if (study.reference() != null && study.reference().objectives().contains(label)) {
                int j = study.reference().objectives().indexOf(label);
                ideal[i] = study.reference().ideal()[j];
                reference[i] = study.reference().reference()[j];
            } else {
                var values = members.stream().mapToDouble(m -> m.objectives().get(label)).filter(Double::isFinite).summaryStatistics();
                ideal[i] = min ? values.getMin() : values.getMax();
                reference[i] = min ? values.getMax() : values.getMin();
            }
        }
        return members.stream().min(Comparator.comparingDouble(m -> {
            double d = 0;
            for (int i = 0; i < k; i++) {
                double span = reference[i] - ideal[i];
                double v = span == 0 ? 0 : (m.objectives().get(objectives.get(i).label()) - ideal[i]) / span;
                d += Double.isFinite(v) ? v * v : Double.MAX_VALUE;
            }
            return d;
        })).orElseThrow();
    }

    private Study.ArchiveMember mostRobust(Study study) {
        double best = study.archive().stream().mapToDouble(m -> taskError(study, m)).min().orElseThrow();
        List<Study.ArchiveMember> near = study.archive().stream().filter(m -> taskError(study, m) <= best + Math.abs(best) * tolerance).toList();
        if (study.archive().stream().allMatch(m -> study.verification().containsKey(m.configId())))
            return near.stream().min(Comparator.comparingDouble(m -> meanRank(study, near, m))).orElseThrow();
        ObjectiveSpec robustness = study.space().search().objectives().stream()
                .filter(o -> ProxyFamilies.ALL.stream().anyMatch(f -> f.proxies().contains(o.name())) || deployed(o.name())).findFirst()
                .orElseThrow(() -> InputException.ofOption("--pick", "most-robust needs a robustness measure: the study has no flatness-proxy "
                        + "objective and its Pareto set is not verified", "run plateau verify " + study.dir() + " first, or pick knee"));
        Comparator<Study.ArchiveMember> byProxy = Comparator.comparingDouble(m -> m.objectives().get(robustness.label()));
        return near.stream().min(robustness.direction() == Direction.MIN ? byProxy : byProxy.reversed()).orElseThrow();
    }

    /** Whether {@code name} is a deployed-metric objective (the task error under the declared disturbances). */
    private static boolean deployed(String name) {
        return dev.plateau.space.Metric.find(name).map(m -> m == dev.plateau.space.Metric.DEPLOYED_METRIC
                || dev.plateau.space.Metric.deployedParts().contains(m)).orElse(false);
    }

    /**
     * {@code m}'s verified robustness among {@code members}: its rank by score in each noise family, averaged
     * (ranks, because the families' scores have unlike scales: a sum would follow the widest one).
     */
    private static double meanRank(Study study, List<Study.ArchiveMember> members, Study.ArchiveMember m) {
        double sum = 0;
        List<RobustnessTest.Curve> own = study.verification().get(m.configId());
        for (RobustnessTest.Curve c : own) {
            long better = members.stream().filter(o -> study.verification().get(o.configId()).stream()
                    .anyMatch(x -> x.family().equals(c.family()) && x.score() < c.score())).count();
            sum += better;
        }
        return sum / own.size();
    }

    static double taskError(Study study, Study.ArchiveMember m) { return taskError(study.configuration(m.configId()).orElseThrow()); }

    /** The mean validation task error of a configuration's ok instances: the metric, or 1 − accuracy (NaN without one). */
    public static double taskError(Study.Configuration c) {
        return c.instances().stream().filter(InstanceResult::ok).mapToDouble(InstanceResult::taskError).average().orElse(Double.NaN);
    }

    /**
     * Every member's task error as deployed, measured: the clean test error under the declared
     * disturbances ({@link RobustnessTest#deployedMetric}), or clean with integer weights when the study
     * declares none. @throws InputException when a member is not verified
     */
    public static Map<Study.ArchiveMember, Double> deployedErrors(Study study) {
        Map<Study.ArchiveMember, Double> out = new java.util.LinkedHashMap<>();
        for (Study.ArchiveMember m : study.archive()) {
            List<RobustnessTest.Curve> curves = study.verification().get(m.configId());
            if (curves == null || curves.isEmpty())
                throw InputException.ofOption("--pick", "best-deployed and cheapest need each Pareto member's metric as deployed, and "
                        + m.configId() + " is not verified", "run plateau verify " + study.dir() + " first, or pick knee");
            Double deployed = RobustnessTest.deployedMetric(curves);
            out.put(m, deployed != null ? deployed : curves.get(0).clean());
        }
        return out;
    }

    private Study.ArchiveMember cheapest(Study study) {
        Map<Study.ArchiveMember, Double> deployed = deployedErrors(study);
        double best = deployed.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        return deployed.keySet().stream().filter(m -> deployed.get(m) <= best + Math.abs(best) * tolerance)
                .min(Comparator.comparingDouble(m -> cost(study, m))).orElseThrow();
    }

    /** The hardware cost a member is compared by: the study's first hardware objective, else its BOPs. */
    public static String costName(Study study) {
        return study.space().search().objectives().stream().map(ObjectiveSpec::name)
                .filter(n -> dev.plateau.space.Metric.find(n).map(dev.plateau.space.Metric::hardware).orElse(false))
                .findFirst().orElse(dev.plateau.space.Metric.BOPS.label());
    }

    /** {@code m}'s hardware cost by {@link #costName}. */
    public static double cost(Study study, Study.ArchiveMember m) {
        var metric = dev.plateau.space.Metric.find(costName(study)).orElseThrow();
        return InstanceResult.hardware(metric, study.representative(m).resources());
    }
}
