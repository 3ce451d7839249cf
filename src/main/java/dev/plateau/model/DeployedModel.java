package dev.plateau.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plateau.InputException;
import dev.plateau.data.InputSchema;
import dev.plateau.data.OutputDomain;
import dev.plateau.model.quant.ActivationQuantizer;
import dev.plateau.model.quant.IntegerForm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A trained candidate as it leaves Plateau: a network in DL4J's stock classes (batch norm folded,
 * dropout gone, kernels at their deployed values — see {@link StockNetwork}), the raw input it reads
 * ({@link InputSchema}), what its outputs mean ({@link OutputDomain}), and its deployed integer form
 * ({@link IntegerForm}: integer kernels with their scales, and the activation grids the stock network's
 * plain ReLUs stand in for). {@link #predict} runs all of it, from raw feature values to outputs in
 * original units, and gives what Plateau's own network gives.
 *
 * <p>Saved as one zip: DL4J's {@code ModelSerializer} zip of the stock network (restorable with plain
 * DL4J, {@code restoreMultiLayerNetwork} — or {@code restoreComputationGraph} for a CNN with the energy
 * input, which has no stock MultiLayerNetwork form) plus the entry {@value #ENTRY}: schema, domain and
 * integer form as JSON. A model saved by a search predicts from raw values with no other file.
 * <pre>{@code
 * DeployedModel m = DeployedModel.read(Path.of("results/study/models/0123456789ab.zip"));
 * double[][] energies = m.predict(cellRows);   // GeV
 * }</pre>
 */
public record DeployedModel(Model network, InputSchema input, OutputDomain output, IntegerForm integers) {
    /** The zip entry beside DL4J's that holds schema, domain and integer form. */
    public static final String ENTRY = "plateau-deployed-model.json";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON entry: what the DL4J zip cannot say. */
    record Description(int format, String network, InputSchema input, OutputDomain output, IntegerForm integers) {}

    /**
     * @param deployed the network in Plateau's classes as deployed ({@link DeployedForm}: batch norm folded, dropout gone)
     * @param input    what it reads (the study's {@code PreparedData.inputSchema} with the candidate's energy input)
     * @param output   what its outputs mean
     */
    public static DeployedModel of(MultiLayerNetwork deployed, InputSchema input, OutputDomain output) {
        return of(deployed, IntegerForm.of(deployed), input, output);
    }

    /** @param integers the network's integer form ({@link IntegerForm#of}), when the caller has it already */
    public static DeployedModel of(MultiLayerNetwork deployed, IntegerForm integers, InputSchema input, OutputDomain output) {
        return new DeployedModel(StockNetwork.of(deployed, integers), input, output, integers);
    }

    /**
     * Outputs in original units — class probabilities, or target values with the standardisation and any
     * logarithm undone — of raw feature rows, unscaled, exactly as in the CSV or the calorimeter cells
     * ({@link InputSchema#features()} in order; the total energy, when the network takes it, is computed here).
     *
     * @implNote not thread-safe for a graph network (its vertices hold the pass's inputs): one thread per model
     */
    public double[][] predict(double[][] raw) {
        if (raw.length == 0) return new double[0][];
        INDArray rows = Nd4j.createFromArray(input.networkRows(raw)).reshape('c', raw.length, input.networkWidth());
        double[] out = output.toOriginalUnits(forward(rows).castTo(DataType.DOUBLE).dup('c').ravel().toDoubleVector());
        int width = output.width();
        double[][] byRow = new double[raw.length][];
        for (int r = 0; r < byRow.length; r++) byRow[r] = java.util.Arrays.copyOfRange(out, r * width, (r + 1) * width);
        return byRow;
    }

    /**
     * Network outputs of standardised input rows: the stock network's layers one by one, each output put
     * on its activation grid where the integer form has one.
     */
    private INDArray forward(INDArray rows) {
        ComputationGraph graph = network instanceof ComputationGraph g ? g : ((MultiLayerNetwork) network).toComputationGraph();
        List<String> inputs = graph.getConfiguration().getNetworkInputs();
        int features = input.features().size();
        INDArray[] given = inputs.size() == 1 ? new INDArray[] {rows}
                : new INDArray[] {rows.get(NDArrayIndex.all(), NDArrayIndex.interval(0, features)).dup('c'),
                        rows.get(NDArrayIndex.all(), NDArrayIndex.interval(features, rows.size(1))).dup('c')};
        graph.setInputs(given);  // preprocessors read the batch size from the graph's inputs
        String outputName = graph.getConfiguration().getNetworkOutputs().get(0);
        LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
        GraphVertex[] vertices = graph.getVertices();
        INDArray result = null;
        for (int i : graph.topologicalSortOrder()) {
            GraphVertex v = vertices[i];
            INDArray a = v.isInputVertex() ? given[inputs.indexOf(v.getVertexName())] : v.doForward(false, workspaces);
            ActivationQuantizer grid = v.hasLayer() ? integers.activationAfter(Integer.parseInt(v.getVertexName())) : null;
            if (grid != null) a = grid.apply(a);
            if (v.getVertexName().equals(outputName)) result = a;
            if (v.getOutputVertices() != null)
                for (VertexIndices to : v.getOutputVertices()) vertices[to.getVertexIndex()].setInput(to.getVertexEdgeNumber(), a, workspaces);
        }
        return result;
    }

    /** The stock network's layers in order, for an exporter. */
    public List<StockLayer> layers() { return StockNetwork.layers(network); }

    /**
     * This model as the device runs it: the kernels at their integer values (levels × scales). A
     * quantisation-aware network has them already and is returned as is; a float network gets its
     * {@link IntegerForm#FLOAT_DEPLOYMENT_BITS}-bit post-training quantisation.
     */
    public DeployedModel asDeployed() {
        if (!integers.postTraining()) return this;
        Model copy = network instanceof ComputationGraph g ? g.clone() : ((MultiLayerNetwork) network).clone();
        for (var t : integers.weights()) StockNetwork.layer(copy, t.layer()).getParam(t.param()).assign(t.array());
        return new DeployedModel(copy, input, output, new IntegerForm(false, integers.weights(), integers.activations()));
    }

    /**
     * The same network in Plateau's classes as one MultiLayerNetwork, for the proxies and noise tests
     * (see {@link StockNetwork#plateau}); its rows are {@link InputSchema#networkRows(dev.plateau.data.Dataset)}.
     */
    public MultiLayerNetwork plateauNetwork() { return StockNetwork.plateau(network, integers); }

    /** This model as a zip: DL4J's zip of the stock network and the {@value #ENTRY} entry. */
    public void write(OutputStream out) throws IOException {
        ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, dl4j, false);
        ZipOutputStream zip = new ZipOutputStream(out);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(dl4j.toByteArray()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
        zip.putNextEntry(new ZipEntry(ENTRY));
        zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Description(FORMAT,
                network instanceof ComputationGraph ? ComputationGraph.class.getSimpleName() : MultiLayerNetwork.class.getSimpleName(),
                input, output, integers)));
        zip.closeEntry();
        zip.finish();
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a model zip from anywhere: checked by {@link ModelZip} before DL4J sees it.
     *
     * @throws InputException when the file is not a deployed model saved by this version of Plateau (e.g. an
     *                        older study's), or fails a safety check
     */
    public static DeployedModel read(Path zip) throws IOException {
        if (!Files.isRegularFile(zip)) throw InputException.at(zip, 0, null, "not a model file", "name a models/<id>.zip of a study");
        if (Files.size(zip) > ModelZip.MAX_BYTES)
            throw InputException.at(zip, 0, null, "the file is " + Files.size(zip) + " bytes, more than a model zip may have (" + ModelZip.MAX_BYTES + ")",
                    "name a models/<id>.zip of a study");
        try {
            return read(Files.readAllBytes(zip));
        } catch (IllegalArgumentException e) {
            throw InputException.at(zip, 0, null, e.getMessage(), "use a model zip saved by this version of Plateau, from a source you trust");
        }
    }

    /** @throws IllegalArgumentException when the zip fails a {@link ModelZip} check or has no {@value #ENTRY} */
    public static DeployedModel read(byte[] zip) throws IOException {
        Map<String, byte[]> entries = ModelZip.entries(zip);
        byte[] description = entries.get(ENTRY);
        if (description == null) throw new IllegalArgumentException("no " + ENTRY + " in the zip: not a deployed model written by this version of Plateau");
        ModelZip.check(entries);
        Description d;
        try {
            d = JSON.readValue(description, Description.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(ENTRY + " is not a deployed-model description");
        }
        if (d.format() != FORMAT) throw new IllegalArgumentException(ENTRY + " has format " + d.format() + ", this version reads " + FORMAT);
        byte[] checked = ModelZip.rebuilt(entries);
        Model net = d.network().equals(ComputationGraph.class.getSimpleName())
                ? ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(checked), false)
                : ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(checked), false);
        return new DeployedModel(net, d.input(), d.output(), d.integers());
    }
}
