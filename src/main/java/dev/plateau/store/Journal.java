package dev.plateau.store;

import dev.plateau.Messages;
import dev.plateau.CodeVersion;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plateau.InputException;
import dev.plateau.exec.InstanceResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code journal.jsonl}: one JSON line per finished instance, appended with a single write and
 * fsynced before the next (design §4). It is the study's source of truth: everything else in the
 * folder is regenerated from it.
 *
 * <p>A process killed while writing can leave the last line without its newline; {@link #open}
 * cuts that torn tail off (the instance is simply trained again). Any other unreadable line is an
 * error naming the line.
 *
 * @implNote {@link #append} is synchronized: workers journal their instances as they finish.
 */
public final class Journal {
    /**
     * One journal line: the generation the instance was proposed in, its result, and the code version
     * that produced it (null in journals written before it was recorded).
     */
    public record Entry(int generation, InstanceResult result, String codeVersion) {
        /** An entry produced by the running code. */
        public static Entry now(int generation, InstanceResult result) { return new Entry(generation, result, CodeVersion.current()); }
    }

    static final ObjectMapper JSON = InstanceResult.JSON;

    private final Path file;
    private final List<Entry> entries;
    private final int repairedBytes;

    private Journal(Path file, List<Entry> entries, int repairedBytes) {
        this.file = file;
        this.entries = entries;
        this.repairedBytes = repairedBytes;
    }

    /** Opens (or creates) the journal, cutting off a torn last line. */
    public static Journal open(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
            return new Journal(file, new ArrayList<>(), 0);
        }
        byte[] bytes = Files.readAllBytes(file);
        int end = wholeLines(bytes);
        if (end < bytes.length)
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(end);
                ch.force(true);
            }
        return new Journal(file, parse(file, bytes, end), bytes.length - end);
    }

    /**
     * The entries of a journal another process may be appending to, without touching the file: a last
     * line without its newline (being written, or torn) is left out. No entries when there is no file.
     */
    public static List<Entry> read(Path file) throws IOException {
        if (!Files.exists(file)) return List.of();
        byte[] bytes = Files.readAllBytes(file);
        return List.copyOf(parse(file, bytes, wholeLines(bytes)));
    }

    /** The length of the whole lines at the start of {@code bytes}. */
    private static int wholeLines(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') end--;
        return end;
    }

    private static List<Entry> parse(Path file, byte[] bytes, int end) throws IOException {
        List<Entry> entries = new ArrayList<>();
        String[] lines = new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty()) continue;
            try {
                entries.add(JSON.readValue(lines[i], Entry.class));
            } catch (JsonProcessingException e) {
                throw InputException.at(file, i + 1, null, "unreadable journal line (" + Messages.firstLine(e.getOriginalMessage()) + ")",
                        "delete that line; its instance will be trained again on resume");
            }
        }
        return entries;
    }

    public synchronized void append(int generation, InstanceResult result) throws IOException {
        Entry entry = Entry.now(generation, result);
        byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) ch.write(buffer);
            ch.force(true);
        }
        entries.add(entry);
    }

    /** Entries read at open and appended since, in file order. */
    public synchronized List<Entry> entries() { return List.copyOf(entries); }

    /** Results by instance key; the first record wins should a key ever repeat. */
    public synchronized Map<String, InstanceResult> byInstance() { return byInstance(entries); }

    /** Results of {@code entries} by instance key; the first record wins should a key ever repeat. */
    public static Map<String, InstanceResult> byInstance(List<Entry> entries) {
        Map<String, InstanceResult> map = new LinkedHashMap<>();
        for (Entry e : entries) map.putIfAbsent(e.result().instance().key(), e.result());
        return map;
    }

    /** The code version that produced each journaled instance, by instance key (first record wins). */
    public synchronized Map<String, String> codeVersionByInstance() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Entry e : entries) map.putIfAbsent(e.result().instance().key(), e.codeVersion());
        return map;
    }

    /** Bytes of a torn last line cut off when the journal was opened (0 when it was whole). */
    public int repairedBytes() { return repairedBytes; }

}
