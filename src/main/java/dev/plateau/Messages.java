package dev.plateau;

/** What Plateau keeps of another component's message (a library's exception, Spark's failure): one line. */
public final class Messages {
    private Messages() {}

    /** The first line of {@code message}, trimmed; empty for null. */
    public static String firstLine(String message) {
        if (message == null) return "";
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
