package dev.plateau.data;

/** What the network predicts: real-valued targets, or one class label out of several. */
public enum Task {
    REGRESSION, CLASSIFICATION;

    public static Task parse(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }

    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
