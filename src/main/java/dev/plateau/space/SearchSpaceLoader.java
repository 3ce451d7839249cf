package dev.plateau.space;

import dev.plateau.Messages;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.plateau.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a search-space YAML file strictly: unknown keys, wrong types, duplicate keys and values out
 * of range are {@link InputException}s naming the file, line and field, with a fix.
 *
 * <pre>{@code
 * SearchSpace space = SearchSpaceLoader.load(Path.of("search-spaces/quickstart.yaml"));
 * }</pre>
 */
public final class SearchSpaceLoader {
    /** A search space is a page of YAML; a bigger file is a mistake (or an attack) and is not parsed. */
    static final int MAX_BYTES = 1 << 20;
    private static final ObjectMapper READER = JsonMapper.builder(YAMLFactory.builder().loaderOptions(loaderOptions()).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final ObjectMapper WRITER = JsonMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build())
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private SearchSpaceLoader() {}

    private static org.yaml.snakeyaml.LoaderOptions loaderOptions() {
        var options = new org.yaml.snakeyaml.LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_BYTES);
        return options;
    }

    /** Parses, validates and resolves {@code file}; relative dataset paths are taken from its folder. */
    public static SearchSpace load(Path file) { return load(file, true); }

    /**
     * A study's recorded {@code study.yaml}, read for its records (status, reports): validated like
     * any space, except that its data files need not be where they were when it ran.
     */
    public static SearchSpace loadRecorded(Path file) { return load(file, false); }

    /**
     * A space as {@link #toYaml} wrote it (data paths absolute), read in another JVM — a remote engine's
     * worker: checked like a file, its data files must exist there; {@code origin} names it in errors.
     */
    public static SearchSpace fromYaml(String text, Path origin) { return load(origin, text, true); }

    private static SearchSpace load(Path file, boolean dataMustExist) {
        String text;
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES)
                throw InputException.at(file, 0, null, "the file is " + Files.size(file) + " bytes, more than a search space may have (" + MAX_BYTES + ")",
                        "is this the search space? start from search-spaces/quickstart.yaml");
            if (Files.exists(file) && !Files.isRegularFile(file))
                throw InputException.at(file, 0, null, "not a regular file (a folder or a device?)", "name a search-space YAML file");
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw InputException.at(file, 0, null, "search-space file not found", "check the path");
        } catch (IOException e) {
            throw InputException.at(file, 0, null, "cannot read the file: " + e.getMessage(), "check its permissions");
        }
        return load(file, text, dataMustExist);
    }

    private static SearchSpace load(Path file, String text, boolean dataMustExist) {
        if (text.isBlank()) throw InputException.at(file, 1, null, "the file is empty", "start from search-spaces/quickstart.yaml");
        Path baseDir = file.toAbsolutePath().getParent();
        SearchSpace space = parse(file, text);
        try {
            space.validate(dataMustExist ? baseDir : null);
        } catch (SpaceViolation v) {
            throw InputException.at(file, lineOf(text, v.pointer()), fieldName(v.pointer()), v.getMessage(), v.fix());
        }
        return space.resolved(baseDir);
    }

    /** Checks what only the loaded data can tell: every training-sample size fits in the training split. */
    public static void checkAgainstData(Path file, SearchSpace space, int trainingRows) {
        List<Integer> sizes = space.training().trainingSamples();
        for (int i = 0; i < sizes.size(); i++)
            if (sizes.get(i) > trainingRows) {
                String pointer = "/training/training_samples/" + i, text;
                try {
                    text = Files.readString(file);
                } catch (IOException e) {
                    text = "";
                }
                throw InputException.at(file, lineOf(text, pointer), fieldName(pointer),
                        "asks for " + sizes.get(i) + " training examples, but the training split has " + trainingRows,
                        "use at most " + trainingRows + ", or a larger dataset");
            }
    }

    /** Writes {@code space} as YAML that {@link #load} reads back to an equal space. */
    public static String toYaml(SearchSpace space) {
        try {
            return WRITER.writeValueAsString(space);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a SearchSpace always serialises", e);
        }
    }

    private static SearchSpace parse(Path file, String text) {
        refuseAliases(file, text);
        try {
            SearchSpace space = READER.readValue(text, SearchSpace.class);
            if (space == null) throw InputException.at(file, 1, null, "the file is empty", "start from search-spaces/quickstart.yaml");
            return space;
        } catch (UnrecognizedPropertyException e) {
            var known = new TreeSet<String>();
            e.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            throw InputException.at(file, line(text, e), fieldName(e),
                    "unknown key '" + e.getPropertyName() + "'", "known keys here: " + String.join(", ", known));
        } catch (JsonMappingException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause())
                if (t instanceof SpaceViolation v)  // a block read by its owner (proxy settings) names its own field
                    throw InputException.at(file, lineOf(text, v.pointer()), fieldName(v.pointer()), v.getMessage(), v.fix());
            for (Throwable t = e.getCause(); t != null; t = t.getCause())
                if (t instanceof JsonProcessingException syntax && !(t instanceof JsonMappingException))
                    throw InputException.at(file, line(syntax), null, "not valid YAML: " + Messages.firstLine(syntax.getOriginalMessage()), "fix the YAML syntax");
            throw InputException.at(file, line(text, e), fieldName(e), describe(e), "see search-spaces/quickstart.yaml for the expected form");
        } catch (JsonProcessingException e) {
            throw InputException.at(file, line(e), null, "not valid YAML: " + Messages.firstLine(e.getOriginalMessage()), "fix the YAML syntax");
        }
    }

    /**
     * Reads one block of a study file as {@code type}, as strictly as the whole file, for blocks whose
     * type is known only at run time (a proxy family's settings). Errors are {@link SpaceViolation}s
     * located below {@code pointer}.
     */
    public static <T> T block(com.fasterxml.jackson.databind.JsonNode node, Class<T> type, String pointer) {
        try {
            return READER.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            var known = new TreeSet<String>();
            e.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            throw new SpaceViolation(pointer + "/" + e.getPropertyName(), "unknown key '" + e.getPropertyName() + "'",
                    "known keys here: " + String.join(", ", known));
        } catch (JsonMappingException e) {
            StringBuilder at = new StringBuilder(pointer);
            for (JsonMappingException.Reference r : e.getPath())
                at.append('/').append(r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()));
            throw new SpaceViolation(at.toString(), describe(e), "see search-spaces/quickstart.yaml for the expected form");
        } catch (JsonProcessingException e) {
            throw new SpaceViolation(pointer, Messages.firstLine(e.getOriginalMessage()), "see search-spaces/quickstart.yaml for the expected form");
        }
    }

    /**
     * YAML aliases ({@code *name}) are refused: Jackson would read one as the anchor's name, a silent
     * misreading, and refusing them leaves an alias bomb ("billion laughs") nothing to expand.
     */
    private static void refuseAliases(Path file, String text) {
        try (var parser = (com.fasterxml.jackson.dataformat.yaml.YAMLParser) READER.getFactory().createParser(text)) {
            while (parser.nextToken() != null)
                if (parser.isCurrentAlias())
                    throw InputException.at(file, parser.currentTokenLocation().getLineNr(), null,
                            "YAML aliases (*" + parser.getText() + ") are not supported", "write the value out in full");
        } catch (IOException e) {
            // a syntax error: the parse proper reports it with its line
        }
    }

    private static String describe(JsonMappingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root instanceof IllegalArgumentException) return Messages.firstLine(root.getMessage());
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mi && mi.getTargetType() != null)
            return "expected " + typeName(mi.getTargetType()) + ", got " + found(mi);
        return Messages.firstLine(e.getOriginalMessage());
    }

    /** What the document has where the mismatch is: the scalar's text, or the kind of structure. */
    private static String found(JsonMappingException e) {
        if (!(e.getProcessor() instanceof JsonParser p) || p.currentToken() == null) return "something else";
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_ARRAY) return "a list";
        if (t == JsonToken.START_OBJECT || t == JsonToken.FIELD_NAME) return "a mapping";
        try {
            return "'" + p.getText() + "'";
        } catch (IOException io) {
            return "something else";
        }
    }

    private static String typeName(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "an integer";
        if (type == Double.class || type == double.class) return "a number";
        if (type == String.class) return "a text value";
        if (java.util.Collection.class.isAssignableFrom(type)) return "a list";
        if (type.isEnum()) return "a name";
        return "a mapping (key: value)";
    }

    private static int line(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    /** The line of the field the mapping error is about; the parser's position can be past it. */
    private static int line(String text, JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath())
            pointer.append('/').append(r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()));
        int line = pointer.length() == 0 ? 0 : lineOf(text, pointer.toString());
        return line > 0 ? line : line(e);
    }

    private static String fieldName(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) sb.append('[').append(r.getIndex()).append(']');
        }
        return sb.toString();
    }

    /** {@code /training/epochs/0} → {@code training.epochs[0]}. */
    static String fieldName(String pointer) {
        StringBuilder sb = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) continue;
            if (part.chars().allMatch(Character::isDigit)) sb.append('[').append(part).append(']');
            else sb.append(sb.length() == 0 ? "" : ".").append(part);
        }
        return sb.toString();
    }

    /** The line of the node at {@code pointer}, or of its nearest ancestor present in the text. */
    static int lineOf(String yaml, String pointer) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                String at = p.getParsingContext().pathAsPointer().toString();
                if (t == JsonToken.FIELD_NAME || t.isScalarValue() || t.isStructStart())
                    lines.putIfAbsent(at, p.currentTokenLocation().getLineNr());
            }
        } catch (IOException e) {
            return 0;  // the text parsed once already; a second failure only costs the line number
        }
        for (String at = pointer; ; at = at.substring(0, at.lastIndexOf('/'))) {
            Integer line = lines.get(at);
            if (line != null) return line;
            if (at.isEmpty()) return 0;
        }
    }


}
