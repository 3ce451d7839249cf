package dev.plateau.space;

/**
 * A search-space value that parses but makes no sense, located by a JSON pointer into the YAML
 * document ({@code /training/epochs/0}); {@link SearchSpaceLoader} turns it into a line number.
 */
public final class SpaceViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String pointer;
    private final String fix;

    public SpaceViolation(String pointer, String problem, String fix) {
        super(problem);
        this.pointer = pointer;
        this.fix = fix;
    }

    public String pointer() { return pointer; }

    public String fix() { return fix; }

    public static void require(boolean ok, String pointer, String problem, String fix) {
        if (!ok) throw new SpaceViolation(pointer, problem, fix);
    }

    static void requireChoices(java.util.List<? extends Number> values, String pointer, double min, double max, String fix) {
        require(values != null && !values.isEmpty(), pointer, "needs at least one value", fix);
        for (int i = 0; i < values.size(); i++) {
            Number v = values.get(i);
            require(v != null && v.doubleValue() >= min && v.doubleValue() <= max, pointer + "/" + i,
                    "must be between " + fmt(min) + " and " + fmt(max) + ", got " + v, fix);
        }
    }

    static void requireSpan(IntSpan span, String pointer, int min, int max) {
        require(span != null && span.min() != null && span.max() != null, pointer,
                "needs both min and max", "write {min: " + min + ", max: " + max + "}");
        require(span.min() >= min && span.max() <= max && span.min() <= span.max(), pointer,
                "must satisfy " + min + " <= min <= max <= " + max + ", got {min: " + span.min() + ", max: " + span.max() + "}",
                "write e.g. {min: " + min + ", max: " + max + "}");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
