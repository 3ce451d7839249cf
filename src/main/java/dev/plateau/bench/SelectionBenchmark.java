package dev.plateau.bench;

import dev.plateau.data.PreparedData;
import dev.plateau.exec.InstanceEvaluator;
import dev.plateau.exec.InstanceResult;
import dev.plateau.exec.LocalEngine;
import dev.plateau.exec.RunControl;
import dev.plateau.select.BaselineSearch;
import dev.plateau.select.ConfigurationRecord;
import dev.plateau.select.EvolutionarySearch;
import dev.plateau.select.GenerationReport;
import dev.plateau.select.HypervolumeHistory;
import dev.plateau.select.Objectives;
import dev.plateau.select.ParetoArchive;
import dev.plateau.select.SearchListener;
import dev.plateau.select.StudyOutcome;
import dev.plateau.space.HypervolumeSpec;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Racing + evolution against random search and the exhaustive grid, on one space. The grid's study —
 * every configuration's full instance budget — is the ground truth; the methods run in one harness with
 * the grid's journal as their cache (an instance's result depends only on its configuration and seeds,
 * so serving it is the same as training it) and count every instance they ask for as a training. Each
 * method's archive is then scored with the grid's full-instance statistics, on one normalisation.
 */
public final class SelectionBenchmark {
    private static final double TARGET_SHARE = 0.95;

    /** The methods compared, in table order. */
    public static final List<String> METHODS = List.of("grid", "random", "evolution+racing", "evolution", "evolution+racing+early-stop");

    /**
     * One method's figures.
     *
     * @param hypervolumeOwn   its archive's hypervolume by its own (partial-instance) statistics
     * @param hypervolumeTruth its archive's hypervolume by the grid's full-instance statistics
     * @param trainingsTo95    trainings until the ground-truth hypervolume reached 95 % of the grid's (-1: never)
     */
    public record Row(String method, int trainings, int configurations, int archive, double hypervolumeOwn, double hypervolumeTruth,
                      double percentOfGrid, int trainingsTo95, long pruned, long epochsRun, long epochsPlanned) {}

    private SelectionBenchmark() {}

    /**
     * @param truth the grid study's results by instance key
     */
    public static List<Row> compare(SearchSpace space, PreparedData data, Map<String, InstanceResult> truth, int threads) {
        Objectives objectives = new Objectives(space.search().objectives());
        List<ConfigurationRecord> all = ParetoArchive.configurations(List.copyOf(truth.values()));
        HypervolumeSpec norm = space.search().hypervolume().ideal() != null ? space.search().hypervolume()
                : HypervolumeHistory.fittedTo(all, objectives).orElseThrow(() -> new IllegalStateException("the grid scored no configuration"));
        HypervolumeHistory scale = new HypervolumeHistory(objectives, norm);
        Map<String, double[]> groundTruth = new LinkedHashMap<>();
        for (ConfigurationRecord c : all) c.objectives(objectives).ifPresent(v -> groundTruth.put(c.configId(), v));
        double exhaustiveHv = scale.of(List.copyOf(groundTruth.values()));

        List<Row> rows = new ArrayList<>();
        try (LocalEngine engine = new LocalEngine(new InstanceEvaluator(data, space.proxy(), space.deployment(), null,
                space.search().constraints()), threads)) {
            for (String method : METHODS) {
                boolean earlyStop = method.endsWith("early-stop");
                SearchStrategy strategy = SearchStrategy.parse(method.startsWith("evolution") ? "evolution" : method);
                SearchSpace s = space
                        .withSearch(space.search().withStrategy(strategy).withHypervolume(norm)
                                .withEarlyStopping(space.search().earlyStopping().withEnabled(earlyStop)))
                        .withRacing(space.racing().withEnabled(method.startsWith("evolution+racing")));
                // After each generation: trainings so far and the ground-truth hypervolume of the archive.
                List<double[]> curve = new ArrayList<>();
                SearchListener collect = (GenerationReport r) -> curve.add(new double[] {r.hypervolume().trainings(),
                        scale.of(truthOf(r.archive(), groundTruth))});
                // Pruned trainings differ from the grid's full ones, so the early-stopping run really trains.
                Map<String, InstanceResult> cache = earlyStop ? Map.of() : truth;
                StudyOutcome o = strategy == SearchStrategy.EVOLUTION
                        ? new EvolutionarySearch(s, engine, collect, RunControl.unlimited(), cache).run()
                        : new BaselineSearch(s, engine, collect, RunControl.unlimited(), cache).run();
                int toReach = -1;
                for (double[] point : curve)
                    if (point[1] >= TARGET_SHARE * exhaustiveHv) {
                        toReach = (int) point[0];
                        break;
                    }
                double own = scale.of(o.archive().members().stream().map(ParetoArchive.Member::objectives).toList());
                double hv = scale.of(truthOf(o.archive(), groundTruth));
                rows.add(new Row(method, o.trainings(), o.configurations().size(), o.archive().size(), own, hv, 100 * hv / exhaustiveHv, toReach,
                        o.pruned(), o.epochsRun(), o.epochsPlanned()));
            }
        }
        return rows;
    }

    /** The ground-truth objective vectors of an archive's members. */
    private static List<double[]> truthOf(ParetoArchive archive, Map<String, double[]> groundTruth) {
        List<double[]> out = new ArrayList<>();
        for (ParetoArchive.Member m : archive.members())
            if (groundTruth.containsKey(m.configuration().configId())) out.add(groundTruth.get(m.configuration().configId()));
        return out;
    }
}
