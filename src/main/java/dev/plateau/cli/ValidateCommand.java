package dev.plateau.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.plateau.InputException;
import dev.plateau.data.PreparedData;
import dev.plateau.model.DeployedModel;
import dev.plateau.exec.CrashIsolation;
import dev.plateau.exec.Evaluation;
import dev.plateau.exec.InstanceEvaluator;
import dev.plateau.exec.InstanceResult;
import dev.plateau.landscape.ProxyValue;
import dev.plateau.robustness.Deployment;
import dev.plateau.robustness.NoiseFamily;
import dev.plateau.robustness.RankCorrelation;
import dev.plateau.robustness.RobustnessTest;
import dev.plateau.select.Genome;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.Instance;
import dev.plateau.space.ProxySettings;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchSpaceLoader;
import dev.plateau.store.CodeVersion;
import dev.plateau.store.CrashLog;
import dev.plateau.supervise.Supervisor;
import dev.plateau.store.Csv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plateau validate SPACE.yaml --out DIR}: do the proxies rank robustness correctly? Trains a
 * random population of the space (configurations × instances), computes every proxy family and the
 * baselines (clean loss, log params, weight norm), runs full noise testing on every instance, and
 * writes {@code population.csv} and {@code correlations.csv}: Spearman ρ with a 1,000-resample
 * bootstrap interval, Kendall τ_b, and the partial Spearman ρ given clean loss, and given clean loss and
 * log params, for every proxy against every robustness score. Each finished instance is journaled in
 * {@code validation.jsonl}, so an interrupted run resumes where it stopped.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Proxy validation: population, full noise testing, rank correlations.")
final class ValidateCommand implements Callable<Integer>, SupervisedLaunch.Restartable {
    static final List<String> BASELINES = List.of("clean_loss", "log_params", "weight_norm");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Parameters(index = "0", paramLabel = "SPACE.yaml", description = "the space the population is drawn from")
    Path spaceFile;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output folder (reused to resume)")
    Path out;

    @Option(names = "--configurations", defaultValue = "60", description = "configurations drawn (default: ${DEFAULT-VALUE})")
    int configurations;

    @Option(names = "--instances", defaultValue = "3", description = "instances (seeds) per configuration (default: ${DEFAULT-VALUE})")
    int instances;

    @Option(names = "--draws", defaultValue = "30", description = "noise draws per severity (default: ${DEFAULT-VALUE})")
    int draws;

    @Option(names = "--workers", defaultValue = "0", description = "0 = one per core")
    int workers;

    @Option(names = "--max-restarts", paramLabel = "N", defaultValue = "" + SupervisedLaunch.DEFAULT_MAX_RESTARTS,
            description = "restart from the journal up to N times when the process crashes (default: ${DEFAULT-VALUE}; 0: no supervisor)")
    int maxRestarts = SupervisedLaunch.DEFAULT_MAX_RESTARTS;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public int maxRestarts() { return maxRestarts; }

    /** The same command: it resumes from {@code validation.jsonl}. */
    @Override
    public List<String> continuation(List<String> originalArgs, Path dir, java.time.Duration remainingBudget) { return originalArgs; }

    @Override
    public Integer call() throws Exception {
        if (configurations < 3 || instances < 1 || draws < 1)
            throw InputException.ofOption("--configurations/--instances/--draws", "need at least 3 configurations, 1 instance and 1 draw",
                    "use e.g. --configurations 60 --instances 3 --draws 30");
        SupervisedLaunch.checkMaxRestarts(maxRestarts);
        SearchSpace space = SearchSpaceLoader.load(spaceFile);
        PreparedData data = StudyRun.prepare(space);
        if (data.test().rows() == 0) throw InputException.ofOption(spaceFile.toString(), "the split has no test rows", "give the split a test fraction");
        Files.createDirectories(out);
        Supervisor.announceStudy(out);
        Files.writeString(out.resolve("study.yaml"), SearchSpaceLoader.toYaml(space));
        var console = spec.commandLine().getOut();

        List<Instance> population = new ArrayList<>();
        for (CandidateSpec c : new Genome(space).randomConfigurations(configurations, space.study().seed()))
            for (int seed = 1; seed <= instances; seed++) population.add(Instance.of(space.study().seed(), c, seed));
        Path journal = out.resolve("validation.jsonl");
        Map<String, Map<String, Object>> done = readJournal(journal);
        console.printf("validate: %d configurations x %d instances on %s; %d already done -> %s%n", population.size() / instances, instances,
                data.train().name(), done.size(), out);

        var all = new ProxySettings(List.copyOf(ProxySettings.FAMILIES.keySet()), space.proxy().noiseCurvature(), space.proxy().hessian(),
                space.proxy().sigmaStar(), space.proxy().sharpness(), space.proxy().probe(), space.proxy().risk());
        InstanceEvaluator evaluator = new InstanceEvaluator(data, all, space.deployment(), null, space.search().constraints());
        double[][] range = data.featureRange();
        int threads = workers == 0 ? Runtime.getRuntime().availableProcessors() : workers;
        CrashIsolation isolation = CrashLog.isolation(out);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Instance i : population) {
                if (done.containsKey(i.key())) continue;
                futures.add(pool.submit(() -> {
                    Map<String, Object> row = isolation.crashedTwice(i.key()) ? nativeCrash(i)
                            : isolation.run(i.key(), () -> measure(evaluator, data, range, i, space.study().seed()));
                    append(journal, i.key(), row);
                    synchronized (done) {
                        done.put(i.key(), row);
                        console.printf("%d/%d %s %s%n", done.size(), population.size(), i.key(), row.get("status"));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
        List<String> defaultSet = space.proxy().families(space.deployment());
        List<Map<String, Object>> rows = population.stream().map(i -> withDefaultSetCost(done.get(i.key()), defaultSet)).toList();
        writePopulation(rows);
        writeCorrelations(rows, space.study().seed());
        console.printf("written: %s and %s%n", out.resolve("population.csv"), out.resolve("correlations.csv"));
        return 0;
    }

    private static Map<String, Object> nativeCrash(Instance i) {
        Map<String, Object> row = identity(i);
        row.put("status", "failed");
        row.put("failure", CrashIsolation.NATIVE_CRASH);
        return row;
    }

    private static Map<String, Object> identity(Instance i) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("instance", i.key());
        row.put("config_id", i.configId());
        row.put("seed", i.seed());
        row.put("configuration", i.spec().canonical());
        row.put("code_version", CodeVersion.current());
        return row;
    }

    private Map<String, Object> measure(InstanceEvaluator evaluator, PreparedData data, double[][] range, Instance i, long seed) {
        try {
            return measured(evaluator, data, range, i, seed);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, Object> measured(InstanceEvaluator evaluator, PreparedData data, double[][] range, Instance i, long seed) throws IOException {
        Evaluation e = evaluator.evaluate(i);
        InstanceResult r = e.result();
        Map<String, Object> row = identity(i);
        row.put("status", r.status());
        if (!r.ok()) return row;
        DeployedModel model = DeployedModel.read(e.model());
        MultiLayerNetwork net = model.plateauNetwork();
        row.put("clean_loss", r.valLoss());
        row.put("log_params", Math.log10(r.resources().params()));
        row.put("weight_norm", net.params().norm2Number().doubleValue());
        row.put("train_seconds", r.trainSeconds());
        for (ProxyValue p : r.proxies().values()) row.put(p.name(), p.value());
        for (String family : ProxySettings.FAMILIES.keySet())
            row.put(family + "_seconds", ProxySettings.FAMILIES.get(family).stream().map(r.proxies()::get)
                    .filter(java.util.Objects::nonNull).mapToDouble(ProxyValue::seconds).sum());
        long t0 = System.nanoTime();
        Deployment d = new Deployment(net, model.integers(), model.input().networkRows(data.test()), range[0], range[1], data::lowerIsBetter);
        for (RobustnessTest.Curve c : RobustnessTest.run(d, RobustnessTest.allFamilies(), draws, seed)) {
            row.put("clean_test_metric", c.clean());
            row.put(c.family() + "_score", c.score());
        }
        double noiseSeconds = (System.nanoTime() - t0) / 1e9;
        row.put("noise_testing_seconds", noiseSeconds);
        double proxySeconds = ((Number) row.get("noise_curvature_seconds")).doubleValue();
        row.put("cost_ratio", proxySeconds > 0 ? noiseSeconds / proxySeconds : Double.NaN);
        return row;
    }

    /**
     * The row with what the search's default proxy families for this deployment cost together
     * ({@code default_set_seconds}) and full noise testing's cost relative to them; computed from the
     * journaled per-family costs, so an older journal gets it too.
     */
    static Map<String, Object> withDefaultSetCost(Map<String, Object> row, List<String> families) {
        if (!"ok".equals(row.get("status"))) return row;
        Map<String, Object> out = new LinkedHashMap<>(row);
        double seconds = families.stream().mapToDouble(f -> row.get(f + "_seconds") instanceof Number n ? n.doubleValue() : 0).sum();
        double noise = ((Number) row.get("noise_testing_seconds")).doubleValue();
        out.put("default_set_seconds", seconds);
        out.put("cost_ratio_default_set", seconds > 0 ? noise / seconds : Double.NaN);
        return out;
    }

    static List<String> proxyNames() {
        List<String> names = new ArrayList<>();
        // standard errors, costs and the risk's measured-or-proxied flag and work share describe a value; they are not proxies
        ProxySettings.FAMILIES.values().forEach(v -> v.stream()
                .filter(n -> !n.endsWith("_stderr") && !n.endsWith("_seconds") && !n.endsWith("_measured") && !n.endsWith("_work"))
                .forEach(names::add));
        names.addAll(BASELINES);
        return names;
    }

    static List<String> robustnessNames() {
        return RobustnessTest.allFamilies().stream().map(NoiseFamily::name).map(n -> n + "_score").toList();
    }

    private void writePopulation(List<Map<String, Object>> rows) throws IOException {
        List<String> header = new ArrayList<>();
        for (Map<String, Object> r : rows) for (String k : r.keySet()) if (!header.contains(k)) header.add(k);
        List<List<String>> lines = new ArrayList<>();
        for (Map<String, Object> r : rows) lines.add(header.stream().map(h -> r.get(h) == null ? "" : String.valueOf(r.get(h))).toList());
        Csv.write(out.resolve("population.csv"), header, lines);
    }

    private void writeCorrelations(List<Map<String, Object>> rows, long seed) throws IOException {
        List<Map<String, Object>> ok = rows.stream().filter(r -> "ok".equals(r.get("status"))).toList();
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
        Csv.write(out.resolve("correlations.csv"), List.of("proxy", "robustness", "n", "spearman", "spearman_low", "spearman_high",
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

    private static Map<String, Map<String, Object>> readJournal(Path journal) throws IOException {
        Map<String, Map<String, Object>> done = new LinkedHashMap<>();
        if (!Files.exists(journal)) return done;
        for (String line : Files.readAllLines(journal)) {
            if (line.isBlank() || !line.endsWith("}")) continue;  // a line torn by a crash: that instance runs again
            Map<String, Object> row = JSON.readValue(line, new TypeReference<Map<String, Object>>() { });
            done.put((String) row.get("instance"), row);
        }
        return done;
    }

    private static synchronized void append(Path journal, String key, Map<String, Object> row) throws IOException {
        Files.writeString(journal, JSON.writeValueAsString(row) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    }
}
