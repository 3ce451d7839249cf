package dev.plateau.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads durations as people write them: {@code 8h}, {@code 90m}, {@code 1h30m}, {@code 45s}, {@code 2d}, or ISO {@code PT8H}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|d|h|m|s)");

    @Override
    public Duration convert(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        Matcher m = PART.matcher(t);
        double seconds = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double v = Double.parseDouble(m.group(1));
            seconds += v * switch (m.group(2)) {
                case "d" -> 86_400;
                case "h" -> 3_600;
                case "m" -> 60;
                case "ms" -> 0.001;
                default -> 1;
            };
            end = m.end();
        }
        if (end == 0 || end != t.length() || seconds <= 0)
            throw new CommandLine.TypeConversionException("'" + text + "' is not a duration; write e.g. 8h, 90m, 1h30m or 45s");
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
