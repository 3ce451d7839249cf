package dev.plateau.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.plateau.InputException;
import dev.plateau.data.Dataset;
import dev.plateau.data.PreparedData;
import dev.plateau.model.DeployedModel;
import dev.plateau.landscape.InstanceComparison;
import dev.plateau.landscape.LossSlices;
import dev.plateau.landscape.LossSurface;
import dev.plateau.landscape.MergeTree;
import dev.plateau.landscape.ProxyBattery;
import dev.plateau.landscape.ProxyValue;
import dev.plateau.report.SliceCharts;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchSpaceLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plateau landscape MODEL.zip --data SPACE.yaml}: every proxy of one trained network on the
 * study's validation rows, 1-D and 2-D loss slices (filter-normalised random and Hessian eigen
 * directions) as CSV and PNG, the 2-D slices' merge-tree topology, and comparisons with other
 * instances ({@code --compare}).
 */
@Command(name = "landscape", mixinStandardHelpOptions = true,
        description = "Analyse one trained network: all proxies, loss slices (CSV and PNG), slice topology, instance comparisons.")
final class LandscapeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL.zip", description = "a saved model zip, e.g. results/<study>/models/<config>.zip")
    Path model;

    @Option(names = "--data", paramLabel = "SPACE.yaml",
            description = "search space or study.yaml whose data and split to use (default: the study.yaml next to models/)")
    Path data;

    @Option(names = "--compare", paramLabel = "OTHER.zip", description = "other instances of the configuration: output CKA and linear barrier")
    List<Path> compare = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "a new or empty folder for the slices (default: <model>-landscape/ beside the model, or -landscape-2, ...)")
    Path out;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @Option(names = "--points", defaultValue = "51", description = "points of each 1-D slice (default: ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--grid", defaultValue = "21", description = "points per axis of each 2-D slice (default: ${DEFAULT-VALUE})")
    int grid;

    @Option(names = "--range", defaultValue = "1.0", description = "slices span -range..range along each direction (default: ${DEFAULT-VALUE})")
    double range;

    @Option(names = "--samples", defaultValue = "256", description = "validation rows for slices and comparisons (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the random directions and probes (default: ${DEFAULT-VALUE})")
    long seed;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (points < 3 || grid < 3) throw InputException.ofOption("--points/--grid", "need at least 3 points", "use e.g. --points 51 --grid 21");
        if (!(range > 0)) throw InputException.ofOption("--range", "must be positive, got " + range, "use e.g. 1.0");
        if (samples < 2) throw InputException.ofOption("--samples", "must be at least 2, got " + samples, "use e.g. 256");
        DeployedModel deployed = load(model);
        MultiLayerNetwork net = deployed.plateauNetwork();
        Path spaceFile = data != null ? data : model.toAbsolutePath().getParent().resolveSibling("study.yaml");
        if (!Files.isRegularFile(spaceFile))
            throw InputException.ofOption("--data", "no data given and no study.yaml next to the model's folder", "pass --data SPACE.yaml");
        SearchSpace space = SearchSpaceLoader.load(spaceFile);
        PreparedData prepared = dev.plateau.data.DatasetLoader.prepare(space);
        Dataset validation = deployed.input().networkRows(prepared.validation());
        check(net, validation, model);

        ProxyBattery battery = new ProxyBattery(space.proxy(), space.deployment(), validation.task(), validation.outputCount(),
                new dev.plateau.landscape.ProxyFamilies().families());
        Map<String, ProxyValue> proxies = battery.measure(net, validation, prepared::lowerIsBetter, seed);

        Dataset rows = validation.head(samples);
        LossSurface surface = new LossSurface(net, rows);
        LossSlices slices = new LossSlices(surface);
        SplittableRandom rng = new SplittableRandom(seed);
        INDArray r1 = slices.filterNormalised(rng), r2 = slices.filterNormalised(rng);
        List<INDArray> eigen = slices.hessianDirections(r1.norm2Number().doubleValue(), space.proxy().block(dev.plateau.landscape.HessianProxy.Settings.class).iterations(), seed);
        Path dir = out != null ? out : SearchCommand.freeFolder(model.toAbsolutePath().getParent(),
                model.getFileName().toString().replaceFirst("\\.zip$", "") + "-landscape");
        dev.plateau.store.StudyFolder.requireNewOrEmpty(dir);
        Files.createDirectories(dir);
        List<String> files = new ArrayList<>();
        Map<String, Object> topology = new LinkedHashMap<>();
        for (var line : List.of(slices.line("random", r1, range, points), slices.line("hessian", eigen.get(0), range, points))) {
            files.add(write1d(dir, line));
        }
        for (var plane : List.of(slices.plane("random", r1, r2, range, grid), slices.plane("hessian", eigen.get(0), eigen.get(1), range, grid))) {
            files.add(write2d(dir, plane));
            MergeTree.Summary t = MergeTree.ofGrid(plane.losses());
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("connectivity", "4-neighbour");
            tm.put("minima", t.minima());
            tm.put("saddle_vertices", t.saddleVertices());
            tm.put("smad", t.smad());
            tm.put("smad_normalised", t.smadNormalised());
            tm.put("mean_persistence", t.meanPersistence());
            tm.put("max_persistence", t.maxPersistence());
            topology.put(plane.directions(), tm);
        }
        List<Map<String, Object>> comparisons = new ArrayList<>();
        for (Path other : compare) {
            MultiLayerNetwork b = load(other).plateauNetwork();
            check(b, validation, other);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("model", other.toString());
            c.put("output_cka", InstanceComparison.outputCka(net, b, rows));
            // the straight path needs one architecture; CKA compares outputs of any two networks
            c.put("linear_barrier", b.numParams() == net.numParams() ? InstanceComparison.linearBarrier(net, b, rows, 11) : null);
            comparisons.add(c);
        }
        print(spec.commandLine().getOut(), net, validation, proxies, topology, comparisons, dir, files);
        return 0;
    }

    private void print(PrintWriter o, MultiLayerNetwork net, Dataset validation, Map<String, ProxyValue> proxies,
                       Map<String, Object> topology, List<Map<String, Object>> comparisons, Path dir, List<String> files) throws IOException {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("model", model.toString());
            doc.put("params", net.numParams());
            doc.put("evaluation_rows", validation.rows());
            Map<String, Object> p = new LinkedHashMap<>();
            proxies.forEach((k, v) -> p.put(k, Map.of("value", v.value(), "forward_samples", v.forwardSamples(),
                    "gradient_samples", v.gradientSamples(), "seconds", v.seconds())));
            doc.put("proxies", p);
            doc.put("topology", topology);
            doc.put("comparisons", comparisons);
            doc.put("slices", files.stream().map(f -> dir.resolve(f).toString()).toList());
            ObjectMapper m = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            o.println(m.writeValueAsString(doc));
            return;
        }
        o.printf("model %s: %d parameters; %d validation rows of %s%n", model, net.numParams(), validation.rows(), validation.name());
        o.printf("%-26s %14s %12s %12s %9s%n", "proxy", "value", "forward", "gradient", "seconds");
        proxies.forEach((k, v) -> o.printf(Locale.ROOT, "%-26s %14.6g %12d %12d %9.3f%n", k, v.value(), v.forwardSamples(), v.gradientSamples(), v.seconds()));
        topology.forEach((k, v) -> o.printf("topology of the %s plane (%dx%d): %s%n", k, grid, grid, v));
        for (Map<String, Object> c : comparisons) o.printf("compared with %s: output_cka %s, linear_barrier %s%n", c.get("model"), c.get("output_cka"), c.get("linear_barrier"));
        o.printf("slices: %s (%s)%n", dir, String.join(", ", files));
    }

    private static String write1d(Path dir, LossSlices.Slice1D s) throws IOException {
        List<String> lines = new ArrayList<>(List.of("alpha,loss"));
        for (int i = 0; i < s.alphas().length; i++) lines.add(s.alphas()[i] + "," + s.losses()[i]);
        String base = "slice1d-" + s.direction();
        Files.write(dir.resolve(base + ".csv"), lines);
        SliceCharts.line(s, dir.resolve(base + ".png"));
        return base + ".csv/.png";
    }

    private static String write2d(Path dir, LossSlices.Slice2D s) throws IOException {
        List<String> lines = new ArrayList<>(List.of("alpha,beta,loss"));
        for (int i = 0; i < s.alphas().length; i++)
            for (int j = 0; j < s.betas().length; j++) lines.add(s.alphas()[i] + "," + s.betas()[j] + "," + s.losses()[i][j]);
        String base = "slice2d-" + s.directions();
        Files.write(dir.resolve(base + ".csv"), lines);
        SliceCharts.heatMap(s, dir.resolve(base + ".png"));
        return base + ".csv/.png";
    }

    private static DeployedModel load(Path zip) {
        if (!Files.isRegularFile(zip)) throw InputException.at(zip, 0, null, "model file not found", "name a .zip in results/<study>/models/");
        try {
            return DeployedModel.read(zip);
        } catch (InputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw InputException.at(zip, 0, null, "not a DL4J model zip (" + e.getClass().getSimpleName() + ")", "name a .zip written by plateau");
        }
    }

    private static void check(MultiLayerNetwork net, Dataset validation, Path zip) {
        try {
            net.output(dev.plateau.train.Batches.features(validation, 0, 1, org.nd4j.linalg.api.buffer.DataType.FLOAT));
        } catch (RuntimeException e) {
            throw InputException.at(zip, 0, null, "the model does not take this data's " + validation.featureCount() + " features",
                    "pass the --data the model was trained on");
        }
    }

}
