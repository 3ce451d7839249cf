package dev.plateau.landscape;

import dev.plateau.space.DeploymentSpec;
import dev.plateau.space.ProxySettings;
import dev.plateau.space.ProxyVocabulary;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One flatness-proxy family, declared in one place — by the class that measures it, as its
 * {@code FAMILY} constant — and registered by one line in {@link ProxyFamilies}: its name, the values
 * it produces, the settings block it reads (a record whose compact constructor fills the defaults),
 * when a study computes it without being asked, which families it needs, and how it is built.
 *
 * @param proxies     values that rank models: usable as objectives, validated against noise tests
 * @param descriptive values that describe the others (a standard error, a flag, a cost)
 * @param settingsKey the block's key under {@code proxy:} (null: the family has no settings)
 * @param byDefault   whether a study whose {@code proxy.compute} is not given computes it
 * @param requires    families whose values it reads (measured before it)
 */
public record ProxyFamily<S extends ProxyVocabulary.Settings>(
        String name, List<String> proxies, List<String> descriptive, String settingsKey, Class<S> settingsType,
        Predicate<DeploymentSpec> byDefault, List<String> requires, BiFunction<S, ProxyContext, Proxy> build) {

    public ProxyFamily {
        proxies = List.copyOf(proxies);
        descriptive = List.copyOf(descriptive);
        requires = List.copyOf(requires);
    }

    /** A family with settings block {@code settingsKey} of {@code settingsType}, computed only when asked for. */
    public static <S extends ProxyVocabulary.Settings> ProxyFamily<S> of(String name, String settingsKey, Class<S> settingsType,
                                                                         BiFunction<S, ProxyContext, Proxy> build, String... proxies) {
        return new ProxyFamily<>(name, List.of(proxies), List.of(), settingsKey, settingsType, d -> false, List.of(), build);
    }

    /** This family with descriptive values after its proxies. */
    public ProxyFamily<S> describedBy(String... values) {
        return new ProxyFamily<>(name, proxies, List.of(values), settingsKey, settingsType, byDefault, requires, build);
    }

    /** This family, computed by default when {@code condition} holds for the deployment. */
    public ProxyFamily<S> byDefaultWhen(Predicate<DeploymentSpec> condition) {
        return new ProxyFamily<>(name, proxies, descriptive, settingsKey, settingsType, condition, requires, build);
    }

    /** This family, reading the values of {@code families}. */
    public ProxyFamily<S> needs(String... families) {
        return new ProxyFamily<>(name, proxies, descriptive, settingsKey, settingsType, byDefault, List.of(families), build);
    }

    /** Every value, in output order. */
    public List<String> values() { return Stream.concat(proxies.stream(), descriptive.stream()).toList(); }

    /** The family's proxy for a study. */
    public Proxy create(ProxySettings settings, ProxyContext context) {
        return build.apply(settingsKey == null ? null : settings.block(settingsType), context);
    }
}
