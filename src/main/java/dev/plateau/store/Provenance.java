package dev.plateau.store;

import dev.plateau.CodeVersion;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a study's results came from (Tribuo's idea): Plateau version and code version (build-time git
 * commit and dirty flag), JVM, OS, thread settings, library versions, start time and seeds, and every
 * run of the study (the first, then each resume) with its code version and command line. Written as
 * {@code provenance.json}, and embedded in every model card; each journal line names its own code version.
 *
 * @param codeVersion the code version of the run that created the study
 * @param runs        every run of the study, the creating one first
 */
public record Provenance(
        String plateauVersion,
        @com.fasterxml.jackson.annotation.JsonAlias("gitCommit") String codeVersion,
        String java,
        String os,
        int processors,
        String ompNumThreads,
        Map<String, String> libraries,
        String startedAt,
        long studySeed,
        int workers,
        List<String> commandLine,
        List<Run> runs) {

    /** One run of a study: when it started, the code that ran, and how it was called. */
    public record Run(String startedAt, String codeVersion, List<String> commandLine) {}

    public Provenance {
        commandLine = List.copyOf(commandLine);
        runs = runs == null ? List.of(new Run(startedAt, codeVersion, commandLine)) : List.copyOf(runs);
    }

    /** This provenance with one more run (a resume) by the current code. */
    public Provenance withRun(List<String> commandLine) {
        List<Run> all = new java.util.ArrayList<>(runs);
        all.add(new Run(Instant.now().toString(), CodeVersion.current(), List.copyOf(commandLine)));
        return new Provenance(plateauVersion, codeVersion, java, os, processors, ompNumThreads, libraries, startedAt, studySeed, workers,
                this.commandLine, all);
    }

    /** The provenance file of a study folder. */
    public static Provenance read(Path studyDir) throws java.io.IOException {
        return StudyFolder.JSON.readValue(studyDir.resolve("provenance.json").toFile(), Provenance.class);
    }

    /** The distinct code versions of the study's runs, in order of first use. */
    public List<String> codeVersions() { return runs.stream().map(Run::codeVersion).distinct().toList(); }

    /** Libraries whose versions matter for reproducing a result, each named by a class it ships. */
    private static final Map<String, Class<?>> LIBRARIES = libraryAnchors();

    private static Map<String, Class<?>> libraryAnchors() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("deeplearning4j-nn", org.deeplearning4j.nn.multilayer.MultiLayerNetwork.class);
        m.put("nd4j-native", org.nd4j.linalg.cpu.nativecpu.NDArray.class);
        m.put("nd4j-api", org.nd4j.linalg.factory.Nd4j.class);
        m.put("jenetics", io.jenetics.Genotype.class);
        m.put("jackson-databind", com.fasterxml.jackson.databind.ObjectMapper.class);
        m.put("commons-csv", org.apache.commons.csv.CSVFormat.class);
        m.put("picocli", picocli.CommandLine.class);
        return m;
    }

    public static Provenance capture(long studySeed, int workers, List<String> commandLine) {
        Map<String, String> libs = new LinkedHashMap<>();
        LIBRARIES.forEach((name, anchor) -> libs.put(name, jarVersion(anchor)));
        return new Provenance(currentVersion(), CodeVersion.current(), System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), String.valueOf(System.getenv("OMP_NUM_THREADS")), libs,
                Instant.now().toString(), studySeed, workers, commandLine, null);
    }

    public static String currentVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    /**
     * The version in the name of the jar that holds {@code anchor} ({@code jenetics-7.2.0.jar}); the
     * jars' own pom.properties are unreliable here because ND4J ships shaded copies of other libraries'.
     */
    private static String jarVersion(Class<?> anchor) {
        try {
            var source = anchor.getProtectionDomain().getCodeSource();
            if (source == null) return "unknown";
            String file = Path.of(source.getLocation().toURI()).getFileName().toString();
            var m = Pattern.compile("-(\\d[^-]*(?:-M\\d+(?:\\.\\d+)?)?)(?:-[a-z].*)?\\.jar$").matcher(file);
            return m.find() ? m.group(1) : "unknown";
        } catch (URISyntaxException | SecurityException e) {
            return "unknown";
        }
    }
}
