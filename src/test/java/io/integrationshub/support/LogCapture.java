package io.integrationshub.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Captures every log record the application writes in this JVM, formatted with its parameters and stack trace. */
public final class LogCapture extends Handler {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    /** The lines written while a request id was bound, each prefixed with that id. */
    private final List<String> requestIds = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    public static LogCapture install() {
        LogCapture capture = new LogCapture();
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    public void uninstall() {
        Logger.getLogger("").removeHandler(this);
    }

    public List<String> lines() {
        return lines;
    }

    /** Each line written under a request id (the log's MDC), as "{request id} {line}". */
    public List<String> linesWithRequestIds() {
        return requestIds;
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(record.getLoggerName()).append(' ').append(formatter.formatMessage(record));
        if (record instanceof org.jboss.logmanager.ExtLogRecord ext && ext.getMdc("request_id") != null) {
            requestIds.add(ext.getMdc("request_id") + " " + line);
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
