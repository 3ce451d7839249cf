package dev.plateau.data;

import dev.plateau.InputException;
import dev.plateau.space.Task;
import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Loads samples from an HDF5 file with jhdf (pure Java) into a {@link Dataset}: every dataset's first
 * dimension is the sample; feature datasets (or every dataset of a named group, by name) are flattened
 * in row-major order and joined in the order given, named {@code <dataset>_<i>_<j>...}; the target holds
 * one value per sample. Any problem with the file is an {@link InputException} naming the file and
 * the dataset, and listing the datasets the file does hold when a name is not among them.
 *
 * <pre>{@code
 * Dataset d = new Hdf5DatasetReader(path, List.of("layer_0", "layer_1", "layer_2"), "energy", Task.REGRESSION, true).read();
 * }</pre>
 *
 * @param cells   the features are calorimeter cells in one unit (see {@link dev.plateau.space.Hdf5Source}):
 *                one image dataset keeps its shape; several become one row of cells (shape 1 × 1 × N)
 * @param weights the dataset of per-sample event weights, or null (never a feature)
 */
public record Hdf5DatasetReader(Path file, List<String> features, String target, Task task, boolean cells, String weights) {
    /** A reader of unweighted samples. */
    public Hdf5DatasetReader(Path file, List<String> features, String target, Task task, boolean cells) {
        this(file, features, target, task, cells, null);
    }

    /** The HDF5 signature, at offset 0 or a power of two from 512 on (a user block may precede it). */
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    /** One dataset of the file: its path, its shape (first dimension: samples) and its values, flat. */
    public record Array(String path, int[] shape, double[] values) {
        int rows() { return shape.length == 0 ? 1 : shape[0]; }

        int width() { return shape.length == 0 ? 1 : values.length / Math.max(1, shape[0]); }
    }

    public Dataset read() {
        checkSignature(file);
        try (HdfFile h5 = new HdfFile(file)) {
            List<Array> parts = new ArrayList<>();
            for (int i = 0; i < features.size(); i++) parts.addAll(arrays(h5, features.get(i), "dataset.hdf5.features/" + i));
            Array y = arrays(h5, target, "dataset.hdf5.target").get(0);
            int rows = y.rows();
            if (y.width() != 1)
                throw InputException.at(file, 0, "dataset.hdf5.target", "target dataset '" + y.path() + "' has shape " + Arrays.toString(y.shape())
                        + ", not one value per sample", "name a dataset of shape (samples) or (samples, 1)");
            int width = 0;
            for (Array a : parts) {
                if (a.rows() != rows)
                    throw InputException.at(file, 0, "dataset.hdf5.features", "dataset '" + a.path() + "' holds " + a.rows() + " samples, target '"
                            + y.path() + "' " + rows, "every dataset must hold the same samples along its first dimension");
                width += a.width();
            }
            float[] x = new float[rows * width];
            List<String> names = new ArrayList<>();
            int offset = 0;
            for (Array a : parts) {
                int w = a.width();
                for (int r = 0; r < rows; r++)
                    for (int c = 0; c < w; c++) {
                        double v = a.values()[r * w + c];
                        if (!Double.isFinite(v))
                            throw InputException.at(file, 0, "dataset.hdf5.features", "dataset '" + a.path() + "' holds " + v + " at sample " + r,
                                    "replace non-finite values in the file, or drop those samples");
                        x[r * width + offset + c] = (float) v;
                    }
                names.addAll(cellNames(a));
                offset += w;
            }
            List<String> labels = List.of();
            double[] targets = y.values().clone();
            for (int r = 0; r < rows; r++)
                if (!Double.isFinite(targets[r]))
                    throw InputException.at(file, 0, "dataset.hdf5.target", "target '" + y.path() + "' holds " + targets[r] + " at sample " + r,
                            "drop those samples from the file");
            if (task == Task.CLASSIFICATION) {
                TreeMap<Double, Integer> classes = new TreeMap<>();
                for (double t : targets) classes.putIfAbsent(t, 0);
                if (classes.size() < 2)
                    throw InputException.at(file, 0, "dataset.hdf5.target", "classification needs at least two classes, found " + classes.keySet(),
                            "check the target dataset");
                int k = 0;
                for (var e : classes.entrySet()) e.setValue(k++);
                labels = classes.keySet().stream().map(Hdf5DatasetReader::label).toList();
                for (int r = 0; r < rows; r++) targets[r] = classes.get(targets[r]);
            }
            ImageShape image = !cells ? null : parts.size() == 1 && parts.get(0).shape().length == 3
                    ? new ImageShape(1, parts.get(0).shape()[1], parts.get(0).shape()[2])
                    : parts.size() == 1 && parts.get(0).shape().length == 4
                    ? new ImageShape(parts.get(0).shape()[1], parts.get(0).shape()[2], parts.get(0).shape()[3])
                    : new ImageShape(1, 1, width);
            String name = file.getFileName().toString().replaceFirst("\\.(h5|hdf5|he5)$", "");
            double[] w = null;
            if (weights != null) {
                Array a = arrays(h5, weights, "dataset.weights").get(0);
                if (a.rows() != rows || a.width() != 1)
                    throw InputException.at(file, 0, "dataset.weights", "weights '" + a.path() + "' have shape " + Arrays.toString(a.shape())
                            + ", not one value for each of the " + rows + " samples", "name a dataset of shape (samples) or (samples, 1)");
                w = EventWeights.checked(a.values(), i -> InputException.at(file, 0, "dataset.weights",
                        "event weight " + a.values()[i] + " of sample " + i + " in '" + a.path() + "' is not a finite number at least 0",
                        "fix the weights, or drop those samples"), () -> InputException.at(file, 0, "dataset.weights",
                        "the event weights in '" + a.path() + "' are all 0", "check the weights dataset"));
            }
            return new Dataset(name, task, names, List.of(target), labels, image, rows, x, targets, w);
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            // jhdf reports a damaged or unsupported file with its own runtime exceptions
            throw InputException.at(file, 0, null, "cannot read the HDF5 file: " + e.getMessage(), "check that it is a complete HDF5 file");
        }
    }

    /** The datasets a name stands for: itself, or every dataset of a group, by name. */
    private List<Array> arrays(HdfFile h5, String name, String field) {
        Node node;
        try {
            node = h5.getByPath(name);
        } catch (RuntimeException e) {
            throw InputException.at(file, 0, field, "no dataset or group '" + name + "' in the file; it holds " + String.join(", ", datasetPaths(h5)),
                    "use one of those names");
        }
        List<io.jhdf.api.Dataset> sets = new ArrayList<>();
        if (node instanceof Group g) {
            for (Node child : new TreeMap<>(g.getChildren()).values()) if (child instanceof io.jhdf.api.Dataset d) sets.add(d);
            if (sets.isEmpty()) throw InputException.at(file, 0, field, "group '" + name + "' holds no dataset", "name a dataset or a group of datasets");
        } else sets.add((io.jhdf.api.Dataset) node);
        List<Array> out = new ArrayList<>();
        for (io.jhdf.api.Dataset d : sets) out.add(new Array(d.getPath(), d.getDimensions(), numbers(d, field)));
        return out;
    }

    private double[] numbers(io.jhdf.api.Dataset d, String field) {
        Object flat = d.isScalar() ? d.getData() : d.getDataFlat();
        if (flat instanceof double[] v) return v;
        if (flat instanceof float[] v) {
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) out[i] = v[i];
            return out;
        }
        if (flat instanceof long[] v) return Arrays.stream(v).asDoubleStream().toArray();
        if (flat instanceof int[] v) return Arrays.stream(v).asDoubleStream().toArray();
        if (flat instanceof short[] v) {
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) out[i] = v[i];
            return out;
        }
        if (flat instanceof byte[] v) {
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) out[i] = v[i];
            return out;
        }
        throw InputException.at(file, 0, field, "dataset '" + d.getPath() + "' holds " + d.getJavaType().getSimpleName() + " values, not numbers",
                "name a numeric dataset");
    }

    /** {@code <dataset>_<i>_<j>...} for every value of a sample, in row-major order. */
    private static List<String> cellNames(Array a) {
        String base = a.path().startsWith("/") ? a.path().substring(1).replace('/', '_') : a.path().replace('/', '_');
        int[] dims = a.shape().length <= 1 ? new int[0] : Arrays.copyOfRange(a.shape(), 1, a.shape().length);
        List<String> names = new ArrayList<>();
        int[] index = new int[dims.length];
        for (int k = 0; k < a.width(); k++) {
            StringBuilder s = new StringBuilder(base);
            for (int i : index) s.append('_').append(i);
            names.add(s.toString());
            for (int d = dims.length - 1; d >= 0 && ++index[d] == dims[d]; d--) index[d] = 0;
        }
        return names;
    }

    /** Every dataset's path in the file, depth first by name. */
    public static List<String> datasetPaths(Group group) {
        List<String> out = new ArrayList<>();
        for (Node child : new TreeMap<>(group.getChildren()).values()) {
            if (child instanceof io.jhdf.api.Dataset d) out.add(d.getPath().replaceFirst("^/", ""));
            else if (child instanceof Group g) out.addAll(datasetPaths(g));
        }
        return out;
    }

    private static String label(double v) { return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v); }

    /** A regular file that starts with the HDF5 signature (at 0, or after a user block of 512, 1024, ... bytes). */
    static void checkSignature(Path file) {
        if (!Files.isRegularFile(file)) throw InputException.at(file, 0, null, "not a regular file (a folder, or missing?)", "name an HDF5 file");
        try (var channel = Files.newByteChannel(file)) {
            long size = channel.size();
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(SIGNATURE.length);
            for (long offset = 0; offset + SIGNATURE.length <= size; offset = offset == 0 ? 512 : offset * 2) {
                head.clear();
                channel.position(offset);
                while (head.hasRemaining() && channel.read(head) > 0) { }
                if (Arrays.equals(head.array(), SIGNATURE)) return;
            }
        } catch (IOException e) {
            throw InputException.at(file, 0, null, "cannot read the file: " + e.getMessage(), "check its permissions");
        }
        throw InputException.at(file, 0, null, "not an HDF5 file (no HDF5 signature)", "name an HDF5 file (.h5), or read a table with dataset: {csv: ...}");
    }
}
