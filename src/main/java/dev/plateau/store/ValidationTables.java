package dev.plateau.store;

import dev.plateau.exec.InstanceResult;
import dev.plateau.landscape.ProxyFamilies;
import dev.plateau.landscape.ProxyFamily;
import dev.plateau.landscape.ProxyValue;
import dev.plateau.robustness.NoiseFamily;
import dev.plateau.robustness.RankCorrelation;
import dev.plateau.robustness.RobustnessTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proxy validation's tables, made from its journal: {@code population.csv}, one row per instance
 * with every proxy, the baselines, every full-noise-testing score and what each cost; and
 * {@code correlations.csv}, Spearman ρ with a 1,000-resample bootstrap interval, Kendall τ_b, and the
 * partial Spearman ρ given clean loss, and given clean loss and log params, for every proxy against
 * every robustness score.
 */
public final class ValidationTables {
    /** What every proxy must beat besides the weight norm (itself a proxy family). */
    public static final List<String> BASELINES = List.of("clean_loss", "log_params");

    private ValidationTables() {}

    /** Every value that ranks models: the families' proxies, then the baselines. */
    public static List<String> proxyNames() {
        List<String> names = new ArrayList<>();
        for (ProxyFamily<?> f : ProxyFamilies.ALL) names.addAll(f.proxies());
        names.addAll(BASELINES);
        return names;
    }

    public static List<String> robustnessNames() {
        return RobustnessTest.allFamilies().stream().map(NoiseFamily::name).map(n -> n + "_score").toList();
    }

    /**
     * Writes both tables.
     *
     * @param results      the population's results, in population order
     * @param codeVersions the code version that produced each instance, by key
     * @param defaultSet   the families a search of this space computes, whose summed cost is set against full noise testing
     */
    public static void write(Path dir, List<InstanceResult> results, Map<String, String> codeVersions, List<String> defaultSet, long seed)
            throws IOException {
        List<Map<String, Object>> rows = results.stream().map(r -> row(r, codeVersions.get(r.instance().key()), defaultSet)).toList();
        writePopulation(dir.resolve("population.csv"), rows);
        writeCorrelations(dir.resolve("correlations.csv"), rows, seed);
    }

    static Map<String, Object> row(InstanceResult r, String codeVersion, List<String> defaultSet) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("instance", r.instance().key());
        row.put("config_id", r.instance().configId());
        row.put("seed", r.instance().seed());
        row.put("configuration", r.instance().spec().canonical());
        row.put("code_version", codeVersion);
        row.put("status", r.outcome().label());
        if (!r.ok() || r.robustness() == null) {
            row.put("failure", r.failure());
            return row;
        }
        row.put("clean_loss", r.valLoss());
        row.put("log_params", Math.log10(r.resources().params()));
        row.put("train_seconds", r.trainSeconds());
        for (ProxyValue p : r.proxies().values()) row.put(p.name(), p.value());
        for (ProxyFamily<?> f : ProxyFamilies.ALL) row.put(f.name() + "_seconds", seconds(r, f));
        RobustnessTest.Report noise = r.robustness();
        row.put("clean_test_metric", noise.cleanMetric());
        noise.scores().forEach((family, score) -> row.put(family + "_score", score));
        row.put("noise_testing_seconds", noise.seconds());
        double probe = seconds(r, ProxyFamilies.named("noise_curvature"));
        row.put("cost_ratio", probe > 0 ? noise.seconds() / probe : Double.NaN);
        double set = defaultSet.stream().mapToDouble(f -> seconds(r, ProxyFamilies.named(f))).sum();
        row.put("default_set_seconds", set);
        row.put("cost_ratio_default_set", set > 0 ? noise.seconds() / set : Double.NaN);
        return row;
    }

    private static double seconds(InstanceResult r, ProxyFamily<?> family) {
        return family.values().stream().map(r.proxies()::get).filter(java.util.Objects::nonNull).mapToDouble(ProxyValue::seconds).sum();
    }

    private static void writePopulation(Path file, List<Map<String, Object>> rows) throws IOException {
        List<String> header = new ArrayList<>();
        for (Map<String, Object> r : rows) for (String k : r.keySet()) if (!header.contains(k)) header.add(k);
        List<List<String>> lines = new ArrayList<>();
        for (Map<String, Object> r : rows) lines.add(header.stream().map(h -> r.get(h) == null ? "" : String.valueOf(r.get(h))).toList());
        Csv.write(file, header, lines);
    }

    private static void writeCorrelations(Path file, List<Map<String, Object>> rows, long seed) throws IOException {
        List<Map<String, Object>> ok = rows.stream().filter(r -> r.containsKey("clean_test_metric")).toList();
        double[] clean = column(ok, "clean_loss"), logParams = column(ok, "log_params");
        List<List<String>> lines = new ArrayList<>();
        for (String proxy : proxyNames())
            for (String robustness : robustnessNames()) {
                double[] x = column(ok, proxy), y = column(ok, robustness);
                boolean[] keep = new boolean[x.length];
                int n = 0;
                for (int i = 0; i < x.length; i++) if (keep[i] = Double.isFinite(x[i]) && Double.isFinite(y[i])) n++;
                if (n < 5) continue;
                double[] xs = pick(x, keep), ys = pick(y, keep), cs = pick(clean, keep), ps = pick(logParams, keep);
                RankCorrelation.Interval rho = RankCorrelation.spearmanInterval(xs, ys, 1000, seed);
                lines.add(List.of(proxy, robustness, Integer.toString(n), Csv.num(rho.estimate()), Csv.num(rho.low()), Csv.num(rho.high()),
                        Csv.num(RankCorrelation.kendall(xs, ys)), Csv.num(RankCorrelation.partialSpearman(xs, ys, cs)),
                        Csv.num(RankCorrelation.partialSpearman(xs, ys, cs, ps))));
            }
        Csv.write(file, List.of("proxy", "robustness", "n", "spearman", "spearman_low", "spearman_high",
                "kendall", "partial_spearman_given_clean_loss", "partial_spearman_given_clean_loss_and_log_params"), lines);
    }

    private static double[] column(List<Map<String, Object>> rows, String key) {
        return rows.stream().mapToDouble(r -> r.get(key) instanceof Number v ? v.doubleValue() : Double.NaN).toArray();
    }

    private static double[] pick(double[] v, boolean[] keep) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < v.length; i++) if (keep[i]) out.add(v[i]);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
