package dev.plateau.supervise;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the cause of a crash out of a HotSpot error report ({@code hs_err_pid*.log}). */
final class ErrorReport {
    private static final Pattern SIGNAL = Pattern.compile("^#\\s+(SIG[A-Z]+) \\(0x[0-9a-f]+\\)");
    private static final Pattern THREAD = Pattern.compile("^Current thread \\(0x[0-9a-f]+\\):\\s+\\w+ \"([^\"]*)\"");
    private static final Pattern JAVA_FRAME = Pattern.compile("^[Jj] .*?\\s(\\S+)\\(");

    private ErrorReport() {}

    /**
     * The signal, the native frame, the thread and the innermost Java frame, in one line: e.g. {@code SIGSEGV in
     * libnd4jcpu.so sd::DataBuffer::primary()+0x0, thread plateau-worker-1, from Nd4jCpu.execBroadcast}. Other fatal
     * errors (native out of memory, an internal error) give the report's first message line.
     */
    static String cause(Path report) throws IOException {
        List<String> lines = Files.readAllLines(report, StandardCharsets.ISO_8859_1);
        String signal = null, frame = null, thread = null, javaFrame = null, message = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m;
            if (signal == null && (m = SIGNAL.matcher(line)).find()) signal = m.group(1) + (line.contains("(sent by kill)") ? " (sent by kill)" : "");
            else if (frame == null && line.startsWith("# Problematic frame:") && i + 1 < lines.size())
                frame = lines.get(i + 1).replaceFirst("^#\\s+\\S+\\s+", "").replaceAll("\\[|\\]", "").replaceAll("\\+0x[0-9a-f]+\\s+", " ").trim();
            else if (message == null && line.startsWith("# ") && !line.startsWith("# A fatal error") && line.trim().length() > 2
                     && signal == null && i < 6)
                message = line.substring(2).trim();
            else if (thread == null && (m = THREAD.matcher(line)).find()) thread = m.group(1);
            else if (javaFrame == null && (m = JAVA_FRAME.matcher(line)).find()) javaFrame = shortName(m.group(1));
        }
        StringBuilder sb = new StringBuilder(signal != null ? signal : message != null ? message : "fatal error");
        if (frame != null) sb.append(" in ").append(frame);
        if (thread != null) sb.append(", thread ").append(thread);
        if (javaFrame != null) sb.append(", from ").append(javaFrame);
        return sb.toString();
    }

    /** {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.execBroadcast} → {@code Nd4jCpu.execBroadcast}. */
    private static String shortName(String qualifiedMethod) {
        String[] parts = qualifiedMethod.split("\\.");
        return parts.length < 2 ? qualifiedMethod : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }
}
