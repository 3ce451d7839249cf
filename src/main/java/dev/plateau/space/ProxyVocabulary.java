package dev.plateau.space;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The proxy families a build knows: their names, the values each produces, which are computed by
 * default under a deployment noise model, and the settings blocks they read from a study's
 * {@code proxy:} section. The families themselves live in {@code landscape} (they measure loss
 * surfaces), above this package; a study file is read here, so the registry is found through
 * {@link ServiceLoader} instead of imported, and {@code space} stays free of the packages above it.
 */
public interface ProxyVocabulary {
    /** A family's settings block: a record whose compact constructor fills the defaults. */
    interface Settings {
        /** Checks the values; throws {@link SpaceViolation} with a pointer below {@code at}. */
        void validate(String at);
    }

    /** Family names, in output order (columns and printouts follow it). */
    List<String> families();

    /** The values family {@code name} produces, in output order: its proxies, then its descriptive values. */
    List<String> values(String family);

    /** The values of family {@code name} that rank models (usable as objectives and validated as proxies). */
    List<String> proxies(String family);

    /** Families whose values family {@code name} needs (computed before it). */
    List<String> requires(String family);

    /** The families computed when a study does not list them: they follow its deployment noise model. */
    List<String> defaults(DeploymentSpec deployment);

    /** Settings blocks by their key under {@code proxy:}; several families may share one. */
    Map<String, Class<? extends Settings>> settingsBlocks();

    /** The vocabulary of this build (the one service registered for it). */
    static ProxyVocabulary installed() { return Installed.VOCABULARY; }

    /** Holds the service, looked up once on first use. */
    final class Installed {
        private static final ProxyVocabulary VOCABULARY = ServiceLoader.load(ProxyVocabulary.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no proxy families registered (META-INF/services/" + ProxyVocabulary.class.getName() + ")"));

        private Installed() {}
    }
}
