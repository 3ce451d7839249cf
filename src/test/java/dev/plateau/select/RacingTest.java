package dev.plateau.select;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.plateau.exec.InstanceResult;
import dev.plateau.model.Resources;
import dev.plateau.space.Activation;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.Family;
import dev.plateau.space.Instance;
import dev.plateau.space.RacingSettings;
import dev.plateau.space.Statistic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RacingTest {
    static CandidateSpec spec(int width) {
        return new CandidateSpec(Family.MLP, List.of(), List.of(width), Activation.RELU, 1e-3, 32, 2);
    }

    static InstanceResult result(Instance i, double valLoss) {
        return new InstanceResult(i, null, "rmse", valLoss, valLoss, 0, 0, 0, Map.of(), new Resources(1, 1), 2, 0, 0, 0);
    }

    final Map<String, List<InstanceResult>> byConfig = new LinkedHashMap<>();

    /** Each configuration's losses: base loss + seed/100, so the order of configurations is stable. */
    void train(List<Instance> instances, Map<Integer, Double> baseLoss) {
        for (Instance i : instances)
            byConfig.computeIfAbsent(i.configId(), k -> new ArrayList<>())
                    .add(result(i, baseLoss.get(i.spec().denseWidths().get(0)) + i.seed() / 100.0));
    }

    static List<String> keys(List<Instance> instances) {
        return instances.stream().map(i -> i.spec().denseWidths().get(0) + "/" + i.seed()).toList();
    }

    @Test
    void warmUpThenOneMoreForSurvivorsAndDropWorseThanThePoolMedian() {
        Racing racing = new Racing(new RacingSettings(true, 2, 4, dev.plateau.space.Metric.VAL_LOSS, Statistic.MEAN), 5);
        Map<Integer, Double> loss = Map.of(1, 1.0, 2, 2.0, 3, 3.0, 4, 4.0, 5, 0.5);

        List<Instance> g1 = racing.schedule(1, List.of(spec(1), spec(2), spec(3), spec(4)));
        assertEquals(List.of("1/1", "1/2", "2/1", "2/2", "3/1", "3/2", "4/1", "4/2"), keys(g1));
        train(g1, loss);
        racing.update(1, byConfig);  // means 1.015, 2.015, 3.015, 4.015; median 2.515: 3 and 4 drop
        assertEquals(List.of("racing", "racing", "dropped in generation 1", "dropped in generation 1"),
                racing.statuses().values().stream().map(ConfigurationStatus::label).toList());

        List<Instance> g2 = racing.schedule(2, List.of(spec(5), spec(3)));  // 3 is known: no new warm-up
        assertEquals(List.of("1/3", "2/3", "5/1", "5/2"), keys(g2));
        train(g2, loss);
        racing.update(2, byConfig);  // pool 1 (1.02), 2 (2.02), 5 (0.515): median 1.02, so 2 drops
        assertEquals("dropped in generation 2", racing.statuses().get(spec(2).configId()).label());

        List<Instance> g3 = racing.schedule(3, List.of());
        assertEquals(List.of("1/4", "5/3"), keys(g3));
        train(g3, loss);
        racing.update(3, byConfig);  // 1 (1.025) > median of {1.025, 0.52} -> dropped; 5 survives
        List<Instance> g4 = racing.schedule(4, List.of());
        assertEquals(List.of("5/4"), keys(g4));
        train(g4, loss);
        racing.update(4, byConfig);
        assertEquals("complete", racing.statuses().get(spec(5).configId()).label(), "max_instances reached");
        assertEquals(List.of(), racing.schedule(5, List.of()));
    }

    @Test
    void aConfigurationWithNoOkInstanceIsTheWorst() {
        Racing racing = new Racing(new RacingSettings(true, 1, 3, dev.plateau.space.Metric.VAL_LOSS, Statistic.MEDIAN), 5);
        List<Instance> g1 = racing.schedule(1, List.of(spec(1), spec(2), spec(3)));
        byConfig.put(g1.get(0).configId(), List.of(result(g1.get(0), 1.0)));
        byConfig.put(g1.get(1).configId(), List.of(result(g1.get(1), 2.0)));
        byConfig.put(g1.get(2).configId(), List.of(new InstanceResult(g1.get(2), "diverged", "rmse", Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Map.of(), null, 0, 0, 0, 0)));
        racing.update(1, byConfig);
        assertEquals("dropped in generation 1", racing.statuses().get(spec(3).configId()).label());
        assertEquals("racing", racing.statuses().get(spec(2).configId()).label(), "2.0 equals the median: not worse");
    }

    @Test
    void statisticsFollowTheirDefinitions() {
        double[] v = {4, 1, 3, 2, 10};
        assertEquals(4.0, Statistic.MEAN.of(v));
        assertEquals(3.0, Statistic.MEDIAN.of(v));
        assertEquals(4.0, Statistic.Q3.of(v));           // numpy.percentile(v, 75)
        assertEquals(4.0 + (4.0 - 2.0), Statistic.Q3_IQR.of(v));
        assertEquals(10.0, Statistic.MAX.of(v));
        assertEquals(1.0, Statistic.MIN.of(v));
        assertEquals(Math.sqrt(12.5), Statistic.SPREAD.of(v), 1e-12);
    }
}
