package dev.plateau.select;

import dev.plateau.exec.InstanceResult;
import dev.plateau.space.ObjectiveSpec;
import java.util.List;
import java.util.Optional;

/**
 * The study's objectives, read off a configuration's instances as one vector to minimise: each
 * objective's statistic (mean, median, ..., spread) over the ok instances, maximised ones negated.
 */
public record Objectives(List<ObjectiveSpec> specs) implements java.io.Serializable {
    public Objectives {
        specs = List.copyOf(specs);
    }

    public int size() { return specs.size(); }

    public List<String> labels() { return specs.stream().map(ObjectiveSpec::label).toList(); }

    /** The minimised vector of a configuration; empty when no instance succeeded or a value is undefined. */
    public Optional<double[]> of(List<InstanceResult> instances) {
        List<InstanceResult> ok = instances.stream().filter(InstanceResult::ok).toList();
        if (ok.isEmpty()) return Optional.empty();
        double[] v = new double[specs.size()];
        for (int i = 0; i < v.length; i++) {
            ObjectiveSpec o = specs.get(i);
            double stat = o.statistic().of(ok.stream().mapToDouble(r -> r.metric(o.name())).toArray());
            if (!Double.isFinite(stat)) return Optional.empty();
            v[i] = o.direction().toMinimised(stat);
        }
        return Optional.of(v);
    }

    /** A minimised vector back in the objectives' own directions. */
    public double[] natural(double[] minimised) {
        double[] v = new double[minimised.length];
        for (int i = 0; i < v.length; i++) v[i] = specs.get(i).direction().toMinimised(minimised[i]);
        return v;
    }
}
