package dev.wharf.platform.components;

import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.Linker;
import dev.wharf.platform.metrics.PlatformMetrics;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Precompiles uploaded components in the background: plans each new digest on the platform {@link Engine} (which
 * compiles its core modules to JVM classes and writes them to the on-disk compile cache), links the plan against
 * the platform's host functions, and marks the component {@code ready}, or {@code failed} with the reason.
 *
 * <p>A small fixed pool ({@code wharf.compile.threads}, default 2) with a bounded queue
 * ({@code wharf.compile.queue}, default 256): compiling is CPU- and memory-heavy, so uploads never compile many
 * components at once. A component the full queue turns away stays {@code compiling} and is queued again at the
 * next start, as is everything a stopped process left {@code compiling}. Each process compiles a digest at most
 * once (the engine's caches); with several replicas each may compile it once for its own cache.
 */
@Component
public class ComponentCompiler implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ComponentCompiler.class);

    private final Engine engine;
    private final Linker linker;
    private final JdbcClient jdbc;
    private final PlatformMetrics metrics;
    private final ThreadPoolExecutor executor;

    public ComponentCompiler(Engine engine, Linker linker, JdbcClient jdbc, PlatformMetrics metrics,
            Environment env) {
        this.engine = engine;
        this.linker = linker;
        this.jdbc = jdbc;
        this.metrics = metrics;
        int threads = env.getProperty("wharf.compile.threads", Integer.class, 2);
        int queue = env.getProperty("wharf.compile.queue", Integer.class, 256);
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                r -> {
                    Thread t = new Thread(r, "wharf-compile-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Queues {@code bytes} (stored with status {@code compiling}) for compilation; returns at once. */
    public void submit(String digest, byte[] bytes) {
        try {
            executor.execute(() -> compile(digest, bytes));
        } catch (RejectedExecutionException e) {
            log.warn("The compile queue is full: component {} stays 'compiling' until the next start", digest);
        }
    }

    /** Re-queues the components a previous process left {@code compiling} (it stopped before finishing them). */
    @EventListener(ApplicationReadyEvent.class)
    public void requeueUnfinished() {
        List<String> digests = jdbc.sql("SELECT digest FROM components WHERE status = 'compiling' ORDER BY created_at")
                .query(String.class).list();
        if (!digests.isEmpty()) {
            log.info("Compiling {} component(s) left unfinished by an earlier start", digests.size());
        }
        for (String digest : digests) {
            try {
                executor.execute(() -> jdbc.sql("SELECT bytes FROM components WHERE digest = ?").param(digest)
                        .query(byte[].class).optional().ifPresent(bytes -> compile(digest, bytes)));
            } catch (RejectedExecutionException e) {
                log.warn("The compile queue is full: component {} stays 'compiling' until the next start", digest);
            }
        }
    }

    private void compile(String digest, byte[] bytes) {
        long start = System.nanoTime();
        try {
            ComponentPlan plan = engine.plan(bytes);
            linker.prepare(plan);
            metrics.compiled(true, System.nanoTime() - start);
            jdbc.sql("UPDATE components SET status = 'ready', error = NULL WHERE digest = ?").param(digest).update();
            log.info("Component {} compiled in {} ms", digest, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException | StackOverflowError e) {
            if (executor.isShutdown()) { // interrupted by the shutdown: the next start compiles it again
                return;
            }
            metrics.compiled(false, System.nanoTime() - start);
            log.warn("Compiling component {} failed", digest, e);
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            try {
                jdbc.sql("UPDATE components SET status = 'failed', error = ? WHERE digest = ?").param(reason)
                        .param(digest).update();
            } catch (RuntimeException db) {
                log.warn("Could not record the failure of component {}", digest, db);
            }
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
