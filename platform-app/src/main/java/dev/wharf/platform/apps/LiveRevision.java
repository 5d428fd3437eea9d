package dev.wharf.platform.apps;

import dev.wharf.engine.plugin.AppBinding;
import dev.wharf.platform.gateway.GatewayComponent;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One app revision loaded in this process: its prepared component and its plugins' bindings. Reference counted:
 * the registry holds one reference while the revision is active, each request one while it runs. When the
 * registry retires it (a newer revision became active, the app was deleted, shutdown) and the last request has
 * finished, the bindings are closed.
 */
final class LiveRevision {
    private static final Logger log = LoggerFactory.getLogger(LiveRevision.class);

    private final ActiveRevision revision;
    private final GatewayComponent component;
    private final List<AppBinding> bindings;
    private final AtomicInteger references = new AtomicInteger(1);
    private final AtomicBoolean retired = new AtomicBoolean();
    /** When the last request took or gave back a reference ({@link System#nanoTime()}). */
    private volatile long lastUsed = System.nanoTime();

    LiveRevision(ActiveRevision revision, GatewayComponent component, List<AppBinding> bindings) {
        this.revision = revision;
        this.component = component;
        this.bindings = List.copyOf(bindings);
    }

    ActiveRevision revision() {
        return revision;
    }

    GatewayComponent component() {
        return component;
    }

    /** Takes a reference for one request; false when the revision was retired and has drained already. */
    boolean tryAcquire() {
        while (true) {
            int n = references.get();
            if (n == 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                lastUsed = System.nanoTime();
                return true;
            }
        }
    }

    void release() {
        lastUsed = System.nanoTime();
        if (references.decrementAndGet() == 0) {
            close();
        }
    }

    /** Nanoseconds since a request last used it; 0 while one does. */
    long idleNanos(long now) {
        return references.get() > 1 ? 0 : now - lastUsed;
    }

    /** Drops the registry's reference (once); the bindings close when in-flight requests have finished. */
    void retire() {
        if (retired.compareAndSet(false, true)) {
            release();
        }
    }

    boolean closed() {
        return references.get() == 0;
    }

    private void close() {
        component.close(); // its idle instances; none is leased any more
        for (AppBinding binding : bindings) {
            try {
                binding.close();
            } catch (RuntimeException e) {
                log.warn("Closing a plugin binding of {}/{} revision {} failed", revision.tenant(), revision.app(),
                        revision.revision(), e);
            }
        }
        log.debug("Released {}/{} revision {}", revision.tenant(), revision.app(), revision.revision());
    }
}
