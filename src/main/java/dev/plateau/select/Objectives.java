package dev.plateau.select;

import dev.plateau.exec.InstanceResult;
import dev.plateau.space.ObjectiveSpec;
import java.util.List;

/** The study's objectives, read off results as one vector to minimise (maximised ones negated). */
public record Objectives(List<ObjectiveSpec> specs) {
    public Objectives {
        specs = List.copyOf(specs);
    }

    public int size() { return specs.size(); }

    public List<String> names() { return specs.stream().map(ObjectiveSpec::name).toList(); }

    /** The minimised vector of an ok result; NaN entries when a metric is missing. */
    public double[] minimised(InstanceResult r) {
        double[] v = new double[specs.size()];
        for (int i = 0; i < v.length; i++) v[i] = specs.get(i).direction().toMinimised(r.metric(specs.get(i).name()));
        return v;
    }
}
