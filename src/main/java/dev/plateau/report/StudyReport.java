package dev.plateau.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plateau.InputException;
import dev.plateau.exec.InstanceResult;
import dev.plateau.export.ExportPick;
import dev.plateau.landscape.ProxyFamilies;
import dev.plateau.robustness.RankCorrelation;
import dev.plateau.robustness.RobustnessTest;
import dev.plateau.select.Dominance;
import dev.plateau.select.Genome;
import dev.plateau.select.Objectives;
import dev.plateau.space.CandidateSpec;
import dev.plateau.space.Metric;
import dev.plateau.space.ObjectiveSpec;
import dev.plateau.store.Journal;
import dev.plateau.store.Study;
import dev.plateau.store.StudyReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * {@value #FILE}: a study folder at a glance, one self-contained HTML file that works offline from
 * disk — Plotly.js inlined from its WebJar, the study's data embedded as JSON, a Content-Security-Policy
 * that forbids every network request — drawn by {@code report.js}. Sections appear when the study has
 * their data: summary and recommended picks, Pareto front (scatter or scatter matrix, and parallel
 * coordinates coloured by Pareto rank), hypervolume against trainings, racing per generation, instance
 * spread of the top configurations, robustness (predicted against measured, or a validate folder's
 * correlations), loss landscapes of analysed models, provenance.
 */
public final class StudyReport {
    public static final String FILE = "report.html";
    static final String PLOTLY = "META-INF/resources/webjars/plotly.js-dist/3.3.1/plotly.js";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final org.apache.logging.log4j.Logger LOG = org.apache.logging.log4j.LogManager.getLogger(StudyReport.class);
    /** Configurations whose instances the spread section draws. */
    static final int TOP = 12;
    /** The margin above the best task error within which "cheapest near it" looks. */
    static final double NEAR = 0.1;

    private StudyReport() {}

    /** Writes {@code dir/report.html} (atomically) and returns its path. */
    public static Path write(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("study.yaml")))
            throw InputException.at(dir, 0, null, "not a study folder (no study.yaml)", "name a folder written by plateau search or validate");
        Study study = StudyReader.read(dir);
        String html = html(data(study));
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.writeString(tmp, html, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return dir.resolve(FILE);
    }

    /**
     * Writes the report as a side effect of another command (after each generation, at the end of
     * search, verify, validate): a report that cannot be written is logged, never fails that command.
     */
    public static Optional<Path> refresh(Path dir) {
        try {
            return Optional.of(write(dir));
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} not written: {}", dir.resolve(FILE), e.toString());
            return Optional.empty();
        }
    }

    /** The page: template, Plotly, the drawing script and the data. */
    static String html(ObjectNode data) throws IOException {
        // "</" would end the script element early; in JSON strings and in JavaScript "<\/" means the same
        Map<String, String> parts = Map.of(
                "<!--TITLE-->", escape(data.path("summary").path("study").asText("study")),
                "/*PLOTLY*/", resource(PLOTLY).replace("</script", "<\\/script"),
                "/*DATA*/", JSON.writeValueAsString(data).replace("</", "<\\/"),
                "/*REPORT*/", resource("dev/plateau/report/report.js"));
        return fill(resource("dev/plateau/report/report.html"), parts);
    }

    /** The template with each marker replaced once, in one pass: text put in is never searched for markers. */
    static String fill(String template, Map<String, String> parts) {
        StringBuilder out = new StringBuilder(template.length() + parts.values().stream().mapToInt(String::length).sum());
        int at = 0;
        while (true) {
            int next = -1;
            String marker = null;
            for (String m : parts.keySet()) {
                int i = template.indexOf(m, at);
                if (i >= 0 && (next < 0 || i < next)) {
                    next = i;
                    marker = m;
                }
            }
            if (marker == null) return out.append(template, at, template.length()).toString();
            out.append(template, at, next).append(parts.get(marker));
            at = next + marker.length();
        }
    }

    static ObjectNode data(Study study) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        List<ObjectiveSpec> objectives = study.space().search().objectives();
        Objectives vectors = new Objectives(objectives);
        Map<String, double[]> minimised = new LinkedHashMap<>();
        for (Study.Configuration c : study.configurations()) vectors.of(c.instances()).ifPresent(v -> minimised.put(c.configId(), v));
        Map<String, Integer> ranks = paretoRanks(minimised);

        root.set("summary", summary(study));
        ArrayNode objs = root.putArray("objectives");
        for (ObjectiveSpec o : objectives) objs.addObject().put("label", o.label()).put("name", o.name()).put("direction", o.direction().name().toLowerCase());
        root.set("genes", JSON.valueToTree(GENES));
        ArrayNode configs = root.putArray("configurations");
        Map<String, Integer> order = new LinkedHashMap<>();
        List<Study.Configuration> byError = study.configurations().stream().filter(c -> minimised.containsKey(c.configId()))
                .sorted(Comparator.comparingDouble(ExportPick::taskError)).toList();
        for (int i = 0; i < byError.size(); i++) order.put(byError.get(i).configId(), i);
        for (Study.Configuration c : study.configurations()) {
            ObjectNode n = configs.addObject();
            n.put("id", c.configId()).put("canonical", c.spec().canonical()).put("status", c.status() == null ? "journaled" : c.status().label())
                    .put("in_archive", c.inArchive()).put("instances", c.instances().size())
                    .put("ok", c.instances().stream().filter(InstanceResult::ok).count());
            if (ranks.containsKey(c.configId())) n.put("rank", ranks.get(c.configId()));
            double[] v = minimised.get(c.configId());
            ArrayNode values = n.putArray("objectives");
            if (v != null) for (double x : vectors.natural(v)) values.add(x);
            n.set("genes", JSON.valueToTree(genes(c.spec())));
            if (order.getOrDefault(c.configId(), TOP) < TOP || c.inArchive()) {
                ObjectNode per = n.putObject("instance_values");
                for (ObjectiveSpec o : objectives)
                    per.set(o.name(), JSON.valueToTree(c.instances().stream().filter(InstanceResult::ok).mapToDouble(r -> r.metric(o.name())).toArray()));
            }
            List<String> failures = c.instances().stream().filter(r -> !r.ok()).map(InstanceResult::failure).distinct().toList();
            if (!failures.isEmpty()) n.set("failures", JSON.valueToTree(failures));
        }
        root.set("hypervolume", JSON.valueToTree(study.hypervolume()));
        root.set("generations", generations(study));
        root.set("robustness", robustness(study));
        Path population = study.dir().resolve("population.csv"), correlations = study.dir().resolve("correlations.csv");
        if (Files.isRegularFile(population) && Files.isRegularFile(correlations)) {
            ObjectNode v = root.putObject("validation");
            v.set("population", table(population));
            v.set("correlations", table(correlations));
        }
        root.set("landscapes", landscapes(study.dir().resolve("models")));
        if (study.provenance() != null) root.set("provenance", JSON.valueToTree(study.provenance()));
        root.set("crashes", JSON.valueToTree(study.crashes()));
        return root;
    }

    private static ObjectNode summary(Study study) {
        ObjectNode s = JSON.createObjectNode();
        s.put("study", study.space().study().name()).put("dir", study.dir().toAbsolutePath().normalize().toString())
                .put("kind", study.validation() != null ? "validation" : "search");
        if (study.status() != null) s.put("state", study.status().state().label()).put("message", study.status().message())
                .put("generation", study.status().generation()).put("generations", study.status().generations())
                .put("started", study.status().started()).put("updated", study.status().updated());
        s.set("dataset", JSON.valueToTree(study.space().dataset()));
        s.set("deployment", JSON.valueToTree(study.space().deployment()));
        s.put("seed", study.space().study().seed());
        s.put("trainings", study.entries().size());
        s.put("configurations", study.configurations().size());
        try {
            s.put("space_size", new Genome(study.space()).configurationCount());
        } catch (RuntimeException tooLarge) {
            // a space too large to count is reported without its size
        }
        Map<String, Integer> failures = new LinkedHashMap<>();
        for (Study.Configuration c : study.configurations())
            for (InstanceResult r : c.instances())
                if (!r.ok()) failures.merge(r.outcome().label() + ": " + r.failure(), 1, Integer::sum);
        s.set("failures", JSON.valueToTree(failures));
        s.put("archive", study.archive().size());
        if (study.baselines() != null) s.set("baselines", JSON.valueToTree(study.baselines()));
        if (!study.hypervolume().isEmpty()) s.put("hypervolume", study.hypervolume().get(study.hypervolume().size() - 1).hypervolume());
        s.set("picks", picks(study));
        return s;
    }

    /** The recommended picks: most accurate (as deployed when verified), the cheapest near it, the knee, the most robust. */
    private static ArrayNode picks(Study study) {
        ArrayNode picks = JSON.createArrayNode();
        if (study.archive().isEmpty()) return picks;
        Map<String, Study.ArchiveMember> chosen = new LinkedHashMap<>();
        boolean verified = study.archive().stream().allMatch(m -> study.verification().containsKey(m.configId()));
        // error() is the verified metric as deployed where there is one: then this is ExportPick's best-deployed
        Study.ArchiveMember accurate = study.archive().stream().min(Comparator.comparingDouble(m -> error(study, m))).orElseThrow();
        chosen.put(verified ? "most accurate as deployed (verified)" : "most accurate (validation)", accurate);
        double best = error(study, accurate);
        chosen.put("cheapest within 10 % of it (BOPs)", study.archive().stream().filter(m -> error(study, m) <= best + Math.abs(best) * NEAR)
                .min(Comparator.comparingDouble(m -> bops(study, m))).orElseThrow());
        chosen.put("knee", new ExportPick("knee", 0).from(study));
        try {
            chosen.put("most robust within 10 %", new ExportPick("most-robust", NEAR).from(study));
        } catch (InputException noMeasure) {
            // the study has no robustness measure: the pick is left out
        }
        chosen.forEach((why, m) -> picks.addObject().put("why", why).put("id", m.configId()).put("canonical", m.spec().canonical())
                .put("task_error", error(study, m)).put("bops", bops(study, m))
                .put("model", study.dir().relativize(m.modelFile()).toString())
                .put("export", "plateau export " + study.dir() + " --pick " + m.configId()));
        return picks;
    }

    private static double error(Study study, Study.ArchiveMember m) {
        if (study.verification().containsKey(m.configId())) return study.verification().get(m.configId()).get(0).clean();
        return ExportPick.taskError(study.configuration(m.configId()).orElseThrow());
    }

    private static double bops(Study study, Study.ArchiveMember m) { return study.representative(m).metric(Metric.BOPS); }

    /** Pareto rank of each configuration: 1 for the non-dominated, 2 for those non-dominated once they are removed, ... */
    static Map<String, Integer> paretoRanks(Map<String, double[]> minimised) {
        Map<String, Integer> ranks = new LinkedHashMap<>();
        List<String> left = new ArrayList<>(minimised.keySet());
        for (int rank = 1; !left.isEmpty(); rank++) {
            List<double[]> points = left.stream().map(minimised::get).toList();
            List<String> front = Dominance.nonDominated(points).stream().map(left::get).toList();
            for (String id : front) ranks.put(id, rank);
            left.removeAll(front);
        }
        return ranks;
    }

    static final List<String> GENES = List.of("cnn", "conv_layers", "dense_layers", "width", "log10_lr", "batch", "epochs", "w_bits", "a_bits",
            "l2", "dropout", "batch_norm", "weight_noise", "sharpness", "energy_input");

    private static double[] genes(CandidateSpec s) {
        var r = s.regularization();
        return new double[] {s.family() == dev.plateau.space.Family.CNN ? 1 : 0, s.convLayers().size(), s.denseWidths().size(),
                s.denseWidths().stream().mapToInt(Integer::intValue).sum(), Math.log10(s.learningRate()), s.batchSize(), s.epochs(),
                s.weightBits(), s.activationBits(), r.l2(), r.dropout(), r.batchNorm() ? 1 : 0, r.weightNoise(), r.sharpness().ordinal(),
                s.energyInput() ? 1 : 0};
    }

    /** Per generation: trainings of configurations new in it, trainings of earlier ones (racing), and configurations dropped in it. */
    private static ArrayNode generations(Study study) {
        Map<Integer, int[]> counts = new java.util.TreeMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Journal.Entry e : study.entries()) {
            int[] c = counts.computeIfAbsent(e.generation(), g -> new int[3]);
            if (seen.add(e.result().instance().configId())) c[0]++;
            else c[1]++;
        }
        for (Study.Configuration c : study.configurations())
            if (c.status() != null && c.status().droppedIn() > 0) counts.computeIfAbsent(c.status().droppedIn(), g -> new int[3])[2]++;
        ArrayNode out = JSON.createArrayNode();
        counts.forEach((g, c) -> out.addObject().put("generation", g).put("new", c[0]).put("more_instances", c[1]).put("dropped", c[2]));
        return out;
    }

    /**
     * Verified archive members: each noise family's measured score against each proxy the study computed
     * (the representative instance's value), with Spearman ρ and its bootstrap interval over the members.
     */
    private static ObjectNode robustness(Study study) {
        ObjectNode out = JSON.createObjectNode();
        List<Study.ArchiveMember> verified = study.archive().stream().filter(m -> study.verification().containsKey(m.configId())).toList();
        if (verified.isEmpty()) return out;
        ArrayNode members = out.putArray("members");
        List<String> families = study.verification().get(verified.get(0).configId()).stream().map(RobustnessTest.Curve::family).toList();
        List<String> proxies = new ArrayList<>();
        Map<String, InstanceResult> representative = new LinkedHashMap<>();
        for (Study.ArchiveMember m : verified) {
            InstanceResult r = study.representative(m);
            representative.put(m.configId(), r);
            for (var f : ProxyFamilies.ALL) for (String p : f.proxies()) if (r.proxies().containsKey(p) && !proxies.contains(p)) proxies.add(p);
        }
        for (var e : representative.entrySet()) {
            ObjectNode n = members.addObject().put("id", e.getKey());
            ObjectNode predicted = n.putObject("predicted"), measured = n.putObject("measured");
            for (String p : proxies) if (e.getValue().proxies().containsKey(p)) predicted.put(p, e.getValue().proxies().get(p).value());
            for (RobustnessTest.Curve c : study.verification().get(e.getKey())) measured.put(c.family(), c.score()).put(c.family() + "_clean", c.clean());
        }
        ArrayNode correlations = out.putArray("correlations");
        if (representative.size() >= 3)
            for (String p : proxies)
                for (String f : families) {
                    double[] x = representative.values().stream().mapToDouble(r -> r.proxies().containsKey(p) ? r.proxies().get(p).value() : Double.NaN).toArray();
                    double[] y = representative.keySet().stream().mapToDouble(id -> study.verification().get(id).stream()
                            .filter(c -> c.family().equals(f)).mapToDouble(RobustnessTest.Curve::score).findFirst().orElse(Double.NaN)).toArray();
                    if (java.util.Arrays.stream(x).anyMatch(Double::isNaN) || java.util.Arrays.stream(y).anyMatch(Double::isNaN)) continue;
                    var interval = RankCorrelation.spearmanInterval(x, y, 1000, study.space().study().seed());
                    correlations.addObject().put("proxy", p).put("family", f).put("n", x.length).put("spearman", RankCorrelation.spearman(x, y))
                            .put("low", interval.low()).put("high", interval.high());
                }
        return out;
    }

    /** A CSV file as {columns, rows} of strings. */
    static ObjectNode table(Path csv) throws IOException {
        ObjectNode t = JSON.createObjectNode();
        try (Reader r = Files.newBufferedReader(csv)) {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r);
            t.set("columns", JSON.valueToTree(parser.getHeaderNames()));
            ArrayNode rows = t.putArray("rows");
            for (CSVRecord rec : parser) rows.add(JSON.valueToTree(rec.toList()));
        }
        return t;
    }

    /** The slices {@code plateau landscape} wrote beside the study's models ({@code <id>-landscape*} folders). */
    private static ArrayNode landscapes(Path models) throws IOException {
        ArrayNode out = JSON.createArrayNode();
        if (!Files.isDirectory(models)) return out;
        List<Path> folders;
        try (Stream<Path> s = Files.list(models)) {
            folders = s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().contains("-landscape")).sorted().toList();
        }
        for (Path folder : folders) {
            ObjectNode l = out.addObject().put("model", folder.getFileName().toString());
            ArrayNode lines = l.putArray("lines"), planes = l.putArray("planes");
            List<Path> files;
            try (Stream<Path> s = Files.list(folder)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
            }
            for (Path f : files) {
                String name = f.getFileName().toString().replace(".csv", "");
                if (name.startsWith("slice1d-")) lines.addObject().put("name", name.substring(8)).set("table", table(f));
                else if (name.startsWith("slice2d-")) planes.addObject().put("name", name.substring(8)).set("table", table(f));
            }
        }
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Optional.ofNullable(StudyReport.class.getClassLoader().getResourceAsStream(name))
                .orElseThrow(() -> new IllegalStateException(name + " is not on the class path"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String escape(String s) { return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"); }
}
