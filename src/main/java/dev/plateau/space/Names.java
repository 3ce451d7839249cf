package dev.plateau.space;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses the lower-case YAML spelling of an enum constant, naming the allowed spellings on failure. */
final class Names {
    private Names() {}

    static <E extends Enum<E>> E parse(Class<E> type, String text) {
        String key = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) if (e.name().equals(key)) return e;
        throw new IllegalArgumentException("'" + text + "' is not one of " + allowed(type));
    }

    static <E extends Enum<E>> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
