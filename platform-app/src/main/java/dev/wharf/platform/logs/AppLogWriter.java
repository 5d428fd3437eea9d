package dev.wharf.platform.logs;

import dev.wharf.wasi.http.WasiHttpHost;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the lines guests write to stdout and stderr and stores them for their tenant ({@link AppLogStore}), off the
 * request path: {@link #append} only offers the line to a bounded buffer, and one background thread writes the
 * buffer in batches, keeps each app to its newest lines and expires old ones. A guest that writes faster than the
 * database takes loses lines, counted in {@code wharf_app_log_lines_dropped_total}, rather than slowing its
 * requests or the heap filling up; so does a database outage. Settings: docs/operations.md, "App logs".
 */
public final class AppLogWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AppLogWriter.class);
    private static final int BATCH = 500;

    /** @param maxLineChars longer lines are cut there (and marked) */
    public record Settings(int buffer, int maxLinesPerApp, Duration retention, int maxLineChars, Duration flushEvery) {}

    private record AppKey(String tenant, String app) {}

    private final AppLogStore store;
    private final Settings settings;
    private final BlockingQueue<AppLogStore.Pending> queue;
    private final Counter written;
    private final Counter dropped;
    private final Thread flusher;
    private volatile boolean closed;
    private long lastExpiry = System.nanoTime();
    private long lastFailureLog;

    public AppLogWriter(AppLogStore store, Settings settings, MeterRegistry meters) {
        this.store = store;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.buffer());
        this.written = Counter.builder("wharf.app.log.lines").description("Guest stdout/stderr lines stored for tenants")
                .register(meters);
        this.dropped = Counter.builder("wharf.app.log.lines.dropped")
                .description("Guest lines not stored: the buffer was full or the database failed").register(meters);
        this.flusher = Thread.ofPlatform().name("wharf-app-logs").daemon().start(this::run);
    }

    /** Queues one line; never blocks. */
    public void append(String tenant, String app, WasiHttpHost.LogSink.Stream stream, String line) {
        String text = line.length() > settings.maxLineChars()
                ? line.substring(0, settings.maxLineChars()) + " [cut at " + settings.maxLineChars() + " characters]"
                : line;
        var pending = new AppLogStore.Pending(tenant, app, Instant.now(),
                stream == WasiHttpHost.LogSink.Stream.STDOUT ? "stdout" : "stderr", text);
        if (closed || !queue.offer(pending)) {
            dropped.increment();
        }
    }

    private void run() {
        List<AppLogStore.Pending> batch = new ArrayList<>(BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                AppLogStore.Pending first = queue.poll(settings.flushEvery().toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    write(batch);
                    batch.clear();
                }
                expireNow();
            } catch (InterruptedException e) {
                if (closed) {
                    queue.drainTo(batch);
                    write(batch);
                    return;
                }
            } catch (RuntimeException e) {
                batch.clear();
                log.warn("App log writer: {}", e.toString());
            }
        }
    }

    private void write(List<AppLogStore.Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            store.insert(batch);
            written.increment(batch.size());
            Set<AppKey> touched = new HashSet<>();
            for (AppLogStore.Pending p : batch) {
                touched.add(new AppKey(p.tenant(), p.app()));
            }
            for (AppKey k : touched) {
                store.trim(k.tenant(), k.app(), settings.maxLinesPerApp());
            }
        } catch (RuntimeException e) {
            dropped.increment(batch.size());
            long now = System.nanoTime();
            if (now - lastFailureLog > TimeUnit.MINUTES.toNanos(1)) {
                lastFailureLog = now;
                log.warn("Cannot store {} app log line(s), dropped: {}", batch.size(), e.getMessage());
            }
        }
    }

    private void expireNow() {
        long now = System.nanoTime();
        if (now - lastExpiry < TimeUnit.MINUTES.toNanos(1)) {
            return;
        }
        lastExpiry = now;
        try {
            store.expire(Instant.now().minus(settings.retention()));
        } catch (RuntimeException e) {
            log.warn("Cannot expire old app log lines: {}", e.getMessage());
        }
    }

    /** Stops taking lines and writes what is buffered. */
    @Override
    public void close() {
        closed = true;
        flusher.interrupt();
        try {
            flusher.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
