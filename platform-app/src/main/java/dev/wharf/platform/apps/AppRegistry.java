package dev.wharf.platform.apps;

import dev.wharf.platform.store.Blocking;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * This process's view of which revision of each app is active, and the loaded ({@link LiveRevision}) ones.
 *
 * <p><b>Consistency across replicas</b>: an app's active revision is read from PostgreSQL and trusted for
 * {@code wharf.gateway.route-ttl} (default 1 s); after that the next request checks it again (one indexed
 * query). A deployment, rollback or deletion through this process takes effect here at once
 * ({@link #invalidate}); other replicas pick it up within the TTL. No state but the database is shared, so any
 * number of processes on one database stay correct.
 *
 * <p><b>Switching revisions</b>: a request takes a reference on the revision it starts with and finishes on it;
 * the new revision serves the requests that start after the switch. The old one is retired and its plugin
 * bindings are closed once its last request has finished.
 */
@Component
public class AppRegistry implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(AppRegistry.class);

    /** What a lookup found. */
    public sealed interface Lookup {
        record NotFound() implements Lookup {}

        record Compiling(ActiveRevision revision) implements Lookup {}

        record Failed(ActiveRevision revision, String reason) implements Lookup {}

        /** A live revision with a reference taken for the caller: {@link #release()} it when done. */
        record Ready(ActiveRevision revision, LiveRevision live) implements Lookup {
            public dev.wharf.platform.gateway.GatewayComponent component() {
                return live.component();
            }

            public void release() {
                live.release();
            }
        }
    }

    private record AppKey(String tenant, String app) {}

    /** @param live null until the first request needs the (ready) revision loaded */
    private record Entry(ActiveRevision revision, long checkedAt, boolean stale,
            CompletableFuture<LiveRevision> live) {}

    private final RouteStore routes;
    private final RevisionLoader loader;
    private final long ttlNanos;
    private final ConcurrentHashMap<AppKey, Entry> entries = new ConcurrentHashMap<>();
    private final ExecutorService loading = Executors.newVirtualThreadPerTaskExecutor();

    AppRegistry(RouteStore routes, RevisionLoader loader, Environment env) {
        this.routes = routes;
        this.loader = loader;
        this.ttlNanos = env.getProperty("wharf.gateway.route-ttl", Duration.class, Duration.ofSeconds(1)).toNanos();
    }

    /** The active revision of {@code tenant}/{@code app}; a {@link Lookup.Ready} holds a reference. */
    public Mono<Lookup> lookup(String tenant, String app) {
        AppKey key = new AppKey(tenant, app);
        return current(key).flatMap(entry -> entry.isEmpty() ? Mono.just(new Lookup.NotFound()) : resolve(key, entry.get(), 0));
    }

    private Mono<Optional<Entry>> current(AppKey key) {
        Entry e = entries.get(key);
        if (e != null && !e.stale() && System.nanoTime() - e.checkedAt() < ttlNanos) {
            return Mono.just(Optional.of(e));
        }
        return Blocking.call(() -> Optional.ofNullable(refresh(key, routes.find(key.tenant(), key.app()))));
    }

    /** Installs what the database says now; retires the loaded revision it replaces. */
    private Entry refresh(AppKey key, Optional<ActiveRevision> found) {
        Entry[] replaced = {null};
        Entry result = entries.compute(key, (k, old) -> {
            if (found.isEmpty()) {
                replaced[0] = old;
                return null;
            }
            ActiveRevision now = found.get();
            if (old != null && old.revision().sameRevision(now) && old.revision().status().equals(now.status())) {
                return new Entry(now, System.nanoTime(), false, old.live());
            }
            replaced[0] = old;
            return new Entry(now, System.nanoTime(), false, null);
        });
        retire(replaced[0]);
        return result;
    }

    private Mono<Lookup> resolve(AppKey key, Entry entry, int attempt) {
        ActiveRevision r = entry.revision();
        switch (r.status()) {
            case "compiling":
                return Mono.just(new Lookup.Compiling(r));
            case "failed":
                return Mono.just(new Lookup.Failed(r, "its component failed to compile: " + r.error()));
            default:
                break;
        }
        CompletableFuture<LiveRevision> live = liveOf(key, entry);
        // empty when the revision was retired and drained between the lookup and now: look again
        return Mono.fromFuture(live, true).<Lookup>flatMap(l -> l.tryAcquire() ? Mono.just(new Lookup.Ready(r, l))
                : Mono.empty()).onErrorResume(e -> {
            entries.computeIfPresent(key, (k, cur) -> cur.live() == live ? new Entry(cur.revision(), cur.checkedAt(),
                    cur.stale(), null) : cur);
            log.warn("Loading {}/{} revision {} failed", r.tenant(), r.app(), r.revision(), e);
            return Mono.just(new Lookup.Failed(r, "it could not be loaded: " + e.getMessage()));
        }).switchIfEmpty(Mono.defer(() -> attempt < 3
                ? current(key).flatMap(e -> e.isEmpty() ? Mono.just(new Lookup.NotFound()) : resolve(key, e.get(), attempt + 1))
                : Mono.just(new Lookup.Failed(r, "it is being replaced; retry"))));
    }

    private CompletableFuture<LiveRevision> liveOf(AppKey key, Entry seen) {
        CompletableFuture<LiveRevision> mine = new CompletableFuture<>();
        Entry now = entries.compute(key, (k, cur) -> {
            if (cur == null || !cur.revision().sameRevision(seen.revision())) {
                return cur; // replaced meanwhile: load the revision we saw anyway, unregistered
            }
            return cur.live() != null ? cur : new Entry(cur.revision(), cur.checkedAt(), cur.stale(), mine);
        });
        if (now != null && now.revision().sameRevision(seen.revision()) && now.live() != mine) {
            return now.live();
        }
        loading.execute(() -> {
            try {
                mine.complete(loader.load(seen.revision()));
            } catch (Throwable t) {
                mine.completeExceptionally(t);
            }
        });
        if (now == null || now.live() != mine) {
            mine.thenAccept(LiveRevision::retire); // not registered: released after the request(s) using it
        }
        return mine;
    }

    /** Makes the next request for this app check the database (after a change made through this process). */
    public void invalidate(String tenant, String app) {
        entries.computeIfPresent(new AppKey(tenant, app),
                (k, e) -> new Entry(e.revision(), e.checkedAt(), true, e.live()));
    }

    /** Like {@link #invalidate} for every app of the tenant. */
    public void invalidateTenant(String tenant) {
        entries.replaceAll((k, e) -> k.tenant().equals(tenant) ? new Entry(e.revision(), e.checkedAt(), true, e.live()) : e);
    }

    private static void retire(Entry e) {
        if (e != null && e.live() != null) {
            e.live().thenAccept(LiveRevision::retire);
        }
    }

    @Override
    public void destroy() {
        entries.values().forEach(AppRegistry::retire);
        entries.clear();
        loading.shutdown();
    }
}
