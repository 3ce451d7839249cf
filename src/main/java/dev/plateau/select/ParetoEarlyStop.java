package dev.plateau.select;

import dev.plateau.exec.EarlyStopRule;
import dev.plateau.exec.InstanceResult;
import dev.plateau.model.Resources;
import dev.plateau.space.Direction;
import dev.plateau.space.EarlyStoppingSettings;
import dev.plateau.space.Instance;
import dev.plateau.space.Metric;
import dev.plateau.space.ObjectiveSpec;
import dev.plateau.space.Statistic;
import java.util.List;
import java.util.Locale;

/**
 * Multi-objective early stopping against a snapshot of the archive taken when a generation begins (so
 * the decision is the same whatever the order instances finish in, and a resumed run makes it again).
 * The outlook of a training after some epochs: a loss objective at the current validation loss lowered
 * by the margin; a hardware objective at its exact value; every other objective (proxies, metrics,
 * spreads) at the best value seen in the study. If an archive member dominates the outlook, the
 * configuration cannot enter the archive on this instance, and the training stops.
 */
final class ParetoEarlyStop implements EarlyStopRule {
    /** An archive member as the rule needs it: values only, so the rule travels to a remote engine's workers. */
    private record Member(String configId, double[] objectives) implements java.io.Serializable {}

    private final Objectives objectives;
    private final List<Member> archive;
    private final double[] bestSeen;
    private final EarlyStoppingSettings settings;

    ParetoEarlyStop(Objectives objectives, ParetoArchive archive, double[] bestSeen, EarlyStoppingSettings settings) {
        this.objectives = objectives;
        this.archive = archive.members().stream().map(m -> new Member(m.configuration().configId(), m.objectives().clone())).toList();
        this.bestSeen = bestSeen.clone();
        this.settings = settings;
    }

    @Override
    public String stop(Instance instance, Resources resources, int epochs, double validationLoss) {
        if (epochs < settings.minEpochs() || archive.isEmpty() || !Double.isFinite(validationLoss)) return null;
        double[] outlook = new double[objectives.size()];
        for (int i = 0; i < outlook.length; i++) {
            ObjectiveSpec o = objectives.specs().get(i);
            Metric metric = Metric.find(o.name()).orElse(null);
            if (metric != null && metric.loss() && o.statistic() != Statistic.SPREAD && o.direction() == Direction.MIN)
                outlook[i] = validationLoss * (1 - settings.margin());
            else if (metric != null && metric.hardware())
                outlook[i] = o.direction().toMinimised(InstanceResult.hardware(metric, resources));
            else
                outlook[i] = bestSeen[i];
        }
        for (Member m : archive)
            if (Dominance.dominates(m.objectives(), outlook))
                return InstanceResult.PRUNED + String.format(Locale.ROOT, "after %d of %d epochs, validation loss %.4g (less %.0f%%) is dominated by %s",
                        epochs, instance.spec().epochs(), validationLoss, 100 * settings.margin(), m.configId());
        return null;
    }
}
