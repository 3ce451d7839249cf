package dev.plateau.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * A model zip from anywhere, checked before DL4J reads it. DL4J instantiates whatever classes a zip's
 * {@code configuration.json} names (within declared base types) and ND4J allocates the arrays
 * {@code coefficients.bin} declares before reading them, so a hostile or corrupted file could run
 * unexpected code or exhaust memory. Checked, in order:
 * <ul>
 *   <li>the file: at most {@value #MAX_BYTES} bytes; entries: at most {@value #MAX_ENTRIES}, only the
 *       names a deployed model has ({@link #ENTRIES}: no paths at all, so no absolute path or {@code ..}),
 *       each name once, each inflated to at most {@value #MAX_BYTES} bytes — counted while inflating,
 *       never taken from the headers;</li>
 *   <li>every class named in {@code configuration.json} — any {@code @class} value and any string
 *       that looks like a qualified Java name — is one of the stock DL4J/ND4J configuration classes a
 *       deployed model uses ({@link #CLASSES});</li>
 *   <li>{@code coefficients.bin}: its header is parsed by hand; the declared shape must be a vector of
 *       exactly the configuration's parameter count, and the data must be exactly as long as the file
 *       holds, so nothing is allocated that the file does not contain.</li>
 * </ul>
 * DL4J then reads a zip rebuilt from the checked entries, never the original bytes: a crafted zip can
 * show one set of entries to a stream reader and another to a central-directory reader.
 */
public final class ModelZip {
    /** Bound on the file, and on each inflated entry. Plateau's models are kilobytes to a few megabytes. */
    public static final int MAX_BYTES = 64 << 20;
    static final int MAX_ENTRIES = 8;
    static final String CONFIGURATION = "configuration.json", COEFFICIENTS = "coefficients.bin";
    static final Set<String> ENTRIES = Set.of(CONFIGURATION, COEFFICIENTS, DeployedModel.ENTRY);

    /** The configuration classes of a deployed model's stock network (see {@link StockNetwork}). */
    static final Set<String> CLASSES = Set.of(
            "org.deeplearning4j.nn.conf.layers.DenseLayer",
            "org.deeplearning4j.nn.conf.layers.OutputLayer",
            "org.deeplearning4j.nn.conf.layers.ConvolutionLayer",
            "org.deeplearning4j.nn.conf.layers.SubsamplingLayer",
            "org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor",
            "org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor",
            "org.deeplearning4j.nn.conf.graph.LayerVertex",
            "org.deeplearning4j.nn.conf.graph.MergeVertex",
            "org.deeplearning4j.nn.conf.graph.PreprocessorVertex",
            "org.deeplearning4j.nn.weights.WeightInitRelu",
            "org.deeplearning4j.nn.weights.WeightInitXavier",
            "org.nd4j.linalg.activations.impl.ActivationIdentity",
            "org.nd4j.linalg.activations.impl.ActivationReLU",
            "org.nd4j.linalg.activations.impl.ActivationLReLU",
            "org.nd4j.linalg.activations.impl.ActivationELU",
            "org.nd4j.linalg.activations.impl.ActivationGELU",
            "org.nd4j.linalg.activations.impl.ActivationSELU",
            "org.nd4j.linalg.activations.impl.ActivationTanH",
            "org.nd4j.linalg.activations.impl.ActivationSigmoid",
            "org.nd4j.linalg.activations.impl.ActivationSoftmax",
            "org.nd4j.linalg.learning.config.Adam",
            "org.nd4j.linalg.lossfunctions.impl.LossMSE",
            "org.nd4j.linalg.lossfunctions.impl.LossMCXENT");

    /** A qualified Java name: lower-case packages, then a capitalised class. */
    private static final Pattern CLASS_NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)+\\.[A-Z][\\w$]*");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SHAPE_INFO = 2 * 32 + 4;

    private ModelZip() {}

    /**
     * The entries of {@code zip}, within the bounds on size, count and names; their content is checked by
     * {@link #check}.
     *
     * @throws IllegalArgumentException naming what is wrong, when any bound is broken
     */
    public static Map<String, byte[]> entries(byte[] zip) {
        if (zip.length > MAX_BYTES) throw new IllegalArgumentException("the file is " + zip.length + " bytes, more than a model zip may have (" + MAX_BYTES + ")");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (entries.size() == MAX_ENTRIES) throw new IllegalArgumentException("more than " + MAX_ENTRIES + " entries");
                if (!ENTRIES.contains(e.getName())) throw new IllegalArgumentException("unexpected entry '" + printable(e.getName()) + "'");
                if (entries.containsKey(e.getName())) throw new IllegalArgumentException("entry '" + e.getName() + "' appears twice");
                entries.put(e.getName(), bounded(in, e.getName()));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a readable zip (" + e.getMessage() + ")");
        }
        if (entries.isEmpty()) throw new IllegalArgumentException("not a DL4J model zip");
        return entries;
    }

    /** The classes the configuration names and the parameters' header, checked as described above. */
    public static void check(Map<String, byte[]> entries) {
        if (!entries.containsKey(CONFIGURATION) || !entries.containsKey(COEFFICIENTS))
            throw new IllegalArgumentException("not a DL4J model zip (no " + CONFIGURATION + " or " + COEFFICIENTS + ")");
        String configuration = new String(entries.get(CONFIGURATION), java.nio.charset.StandardCharsets.UTF_8);
        checkClasses(configuration);
        checkCoefficients(entries.get(COEFFICIENTS), parameters(configuration));
    }

    /** A zip of exactly {@code entries}: what DL4J is given to read. */
    public static byte[] rebuilt(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] bounded(InputStream in, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            if (out.size() + n > MAX_BYTES) throw new IllegalArgumentException("entry '" + name + "' inflates to more than " + MAX_BYTES + " bytes");
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Every class the configuration names is an allowed one. */
    static void checkClasses(String configuration) {
        JsonNode root;
        try {
            root = JSON.readTree(configuration);
        } catch (IOException e) {
            throw new IllegalArgumentException(CONFIGURATION + " is not JSON");
        }
        check(root);
    }

    private static void check(JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText();
            if (CLASS_NAME.matcher(text).matches() && !CLASSES.contains(text))
                throw new IllegalArgumentException(CONFIGURATION + " names class " + printable(text) + ", which is not among the stock classes a deployed Plateau model uses");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            if (CLASS_NAME.matcher(field.getKey()).matches() && !CLASSES.contains(field.getKey()))  // DL4J's legacy wrapper-object form
                throw new IllegalArgumentException(CONFIGURATION + " names class " + printable(field.getKey()) + ", which is not among the stock classes a deployed Plateau model uses");
            check(field.getValue());
        }
        if (node.isArray()) for (JsonNode element : node) check(element);
    }

    /** The parameter count the configuration implies, read with DL4J once its classes are known to be safe. */
    static long parameters(String configuration) {
        try {
            if (configuration.contains("\"vertices\"")) {
                ComputationGraphConfiguration graph = ComputationGraphConfiguration.fromJson(configuration);
                return graph.getVertices().values().stream().mapToLong(v -> v.numParams(true)).sum();
            }
            MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(configuration);
            long total = 0;
            for (NeuralNetConfiguration layer : conf.getConfs()) total += layer.getLayer().initializer().numParams(layer);
            return total;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(CONFIGURATION + " is not a DL4J network configuration");
        }
    }

    /**
     * ND4J's array format: a shape-information buffer, then a data buffer, each a header (allocation
     * mode, length, data type) and its elements. The shape must be a vector of {@code parameters}
     * elements and the data exactly that long and exactly what the entry holds.
     */
    static void checkCoefficients(byte[] coefficients, long parameters) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(coefficients));
            long shapeLength = header(in);
            String shapeType = in.readUTF();
            if (shapeLength < 1 || shapeLength > MAX_SHAPE_INFO || !(shapeType.equals("LONG") || shapeType.equals("INT")))
                throw new IllegalArgumentException(COEFFICIENTS + " has no valid shape header");
            long[] info = new long[(int) shapeLength];
            for (int i = 0; i < info.length; i++) info[i] = shapeType.equals("LONG") ? in.readLong() : in.readInt();
            long rank = info[0], elements = 1;
            if (rank < 0 || rank > 32 || 1 + 2 * rank > info.length) throw new IllegalArgumentException(COEFFICIENTS + " declares rank " + rank);
            for (int d = 1; d <= rank; d++) {
                if (info[d] < 0 || info[d] > MAX_BYTES) throw new IllegalArgumentException(COEFFICIENTS + " declares a dimension of " + info[d]);
                elements *= info[d];
            }
            long dataLength = header(in);
            int width = switch (in.readUTF()) {
                case "FLOAT" -> 4;
                case "DOUBLE" -> 8;
                default -> throw new IllegalArgumentException(COEFFICIENTS + " holds neither float nor double parameters");
            };
            if (elements != parameters || dataLength != parameters)
                throw new IllegalArgumentException(COEFFICIENTS + " declares " + Math.max(elements, dataLength) + " parameters, the configuration has "
                        + parameters);
            if (in.available() != dataLength * width)
                throw new IllegalArgumentException(COEFFICIENTS + " holds " + in.available() + " bytes of parameters, " + dataLength * width + " declared");
        } catch (IOException e) {
            throw new IllegalArgumentException(COEFFICIENTS + " ends inside its header");
        }
    }

    /** One ND4J buffer header up to its data type: allocation mode, then the length (int for the old modes). */
    private static long header(DataInputStream in) throws IOException {
        String mode = in.readUTF();
        return switch (mode) {
            case "HEAP", "JAVACPP", "DIRECT" -> in.readInt();
            case "LONG_SHAPE", "MIXED_DATA_TYPES" -> in.readLong();
            default -> throw new IllegalArgumentException(COEFFICIENTS + " has an unknown buffer header '" + printable(mode) + "'");
        };
    }

    /** Text from a file, made safe to print in one line. */
    private static String printable(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 120 ? clean.substring(0, 120) + "..." : clean;
    }
}
