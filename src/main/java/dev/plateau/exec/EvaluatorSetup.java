package dev.plateau.exec;

import dev.plateau.InputException;
import dev.plateau.data.DatasetLoader;
import dev.plateau.data.PreparedData;
import dev.plateau.landscape.ProxyFamilies;
import dev.plateau.space.SearchSpace;
import dev.plateau.space.SearchSpaceLoader;
import dev.plateau.CodeVersion;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a run evaluates its instances, as a value one JVM can hand another: the study (its space as YAML,
 * data paths absolute), the fingerprint of its prepared data and the driver's code version, and the
 * run's evaluation settings. The local engine builds its {@link InstanceEvaluator} from it with the data
 * the driver prepared; a remote engine's worker builds the same evaluator from the same value by
 * preparing the data itself ({@link #evaluatorHere}), and refuses to evaluate anything when its data or
 * code differ from the driver's — so a candidate's result cannot depend on where it ran.
 *
 * @param trainingTimeLimitMillis per-instance training limit, or null for none
 * @param everyProxyFamily        compute every proxy family, not just the study's (proxy validation)
 * @param noiseTestDraws          full noise testing draws per severity on every instance, 0 for none
 */
public record EvaluatorSetup(String spaceYaml, String dataFingerprint, String codeVersion, Long trainingTimeLimitMillis,
                             boolean everyProxyFamily, int noiseTestDraws, long noiseTestSeed) implements java.io.Serializable {

    /** A search's evaluation of {@code space}'s instances on {@code data}, prepared from it. */
    public static EvaluatorSetup of(SearchSpace space, PreparedData data, Duration trainingTimeLimit) {
        return new EvaluatorSetup(SearchSpaceLoader.toYaml(space), data.fingerprint(), CodeVersion.current(),
                trainingTimeLimit == null ? null : trainingTimeLimit.toMillis(), false, 0, 0);
    }

    /** This setup for proxy validation: every proxy family, and full noise testing with {@code draws} draws from stream {@code seed}. */
    public EvaluatorSetup forProxyValidation(int draws, long seed) {
        if (draws < 1) throw new IllegalArgumentException("draws must be >= 1, got " + draws);
        return new EvaluatorSetup(spaceYaml, dataFingerprint, codeVersion, trainingTimeLimitMillis, true, draws, seed);
    }

    /** The evaluator, on the study's {@code space} and the {@code data} prepared from it in this JVM. */
    public InstanceEvaluator evaluator(SearchSpace space, PreparedData data) {
        var proxies = everyProxyFamily ? space.proxy().computing(new ProxyFamilies().families()) : space.proxy();
        InstanceEvaluator evaluator = new InstanceEvaluator(data, proxies, space.deployment(),
                trainingTimeLimitMillis == null ? null : Duration.ofMillis(trainingTimeLimitMillis), space.search().constraints());
        return noiseTestDraws > 0 ? evaluator.withNoiseTesting(noiseTestDraws, noiseTestSeed) : evaluator;
    }

    /**
     * The evaluator in a JVM that has only this value (a remote worker): reads the space, prepares its
     * data, and checks both against the driver's.
     *
     * @throws InputException when this JVM runs other code, cannot read the study's data, or prepares
     *                        different data from it
     */
    public InstanceEvaluator evaluatorHere() {
        Path origin = Path.of("study.yaml (sent by the driver)");
        if (!codeVersion.equals(CodeVersion.current()))  // a build outside git ("unknown") matches only itself
            throw InputException.at(origin, 0, null, "this worker runs Plateau code version " + CodeVersion.current() + ", the driver " + codeVersion,
                    "give the workers the driver's build (spark.jars, or the same jar on every node)");
        SearchSpace space;
        try {
            space = SearchSpaceLoader.fromYaml(spaceYaml, origin);
        } catch (InputException e) {  // the driver read the same text: what fails here is this machine's view of the data files
            throw InputException.at(origin, e.line(), e.field(), e.problem() + " on this worker",
                    "every worker must see the study's data files at the driver's paths (shared storage)");
        }
        PreparedData data = DatasetLoader.prepare(space);
        if (!data.fingerprint().equals(dataFingerprint))
            throw InputException.at(origin, 0, "dataset", "the data this worker reads differs from the driver's (fingerprint "
                    + data.fingerprint().substring(0, 12) + " here, " + dataFingerprint.substring(0, 12) + " on the driver)",
                    "give every node the same data file (shared storage), or the same generator settings");
        return evaluator(space, data);
    }
}
