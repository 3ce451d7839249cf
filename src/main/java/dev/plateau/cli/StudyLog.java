package dev.plateau.cli;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Sends the full log (INFO and up, Plateau's and DL4J's) to {@code plateau.log} in the study folder. */
final class StudyLog {
    private static final String APPENDER = "study-log";

    private StudyLog() {}

    static void attach(Path file) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        detach();
        FileAppender appender = FileAppender.newBuilder()
                .setName(APPENDER)
                .withFileName(file.toString())
                .withAppend(true)
                .setLayout(PatternLayout.newBuilder().withPattern("%d{ISO8601} %-5level [%t] %c{1} - %msg%n").build())
                .setConfiguration(config)
                .build();
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, Level.INFO, null);
        ctx.updateLoggers();
    }

    static void detach() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        if (config.getAppender(APPENDER) == null) return;
        config.getRootLogger().removeAppender(APPENDER);
        config.getAppenders().get(APPENDER).stop();
        config.getAppenders().remove(APPENDER);
        ctx.updateLoggers();
    }
}
