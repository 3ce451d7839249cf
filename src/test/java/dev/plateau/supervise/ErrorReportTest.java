package dev.plateau.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorReportTest {
    @Test
    void theCauseOfTheBroadcastCrashNamesSignalFrameThreadAndJavaFrame() throws Exception {
        // the head of a real report: ND4J's stock executioner under the native race (docs/architecture.md)
        Path report = Path.of(ErrorReportTest.class.getResource("/crash/hs_err_broadcast.log").toURI());
        assertEquals("SIGSEGV in libnd4jcpu.so sd::DataBuffer::primary()+0x0, thread Thread-1, from Nd4jCpu.execBroadcast",
                ErrorReport.cause(report));
    }

    @Test
    void aFatalErrorWithoutASignalGivesItsMessage(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("hs_err_pid7.log");
        Files.writeString(report, """
                #
                # There is insufficient memory for the Java Runtime Environment to continue.
                # Native memory allocation (mmap) failed to map 4096 bytes for committing reserved memory.
                # An error report file with more information is saved as:
                """);
        assertEquals("There is insufficient memory for the Java Runtime Environment to continue.", ErrorReport.cause(report));
    }
}
