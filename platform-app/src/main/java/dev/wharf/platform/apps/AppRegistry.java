package dev.wharf.platform.apps;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wharf.platform.store.Blocking;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * This process's view of which revision of each app is active, and the loaded ({@link LiveRevision}) ones.
 *
 * <p><b>Consistency across replicas</b>: an app's active revision, or its absence, is read from PostgreSQL and
 * trusted for {@code wharf.gateway.route-ttl} (default 1 s); after that the next request checks it again (one
 * indexed query). A deployment, rollback or deletion through this process takes effect here at once
 * ({@link #invalidate}); other replicas pick it up within the TTL. No state but the database is shared, so any
 * number of processes on one database stay correct.
 *
 * <p><b>Switching revisions</b>: a request takes a reference on the revision it starts with and finishes on it;
 * the new revision serves the requests that start after the switch. The old one is retired and its plugin
 * bindings are closed once its last request has finished.
 *
 * <p><b>Idle apps</b>: a loaded revision no request used for {@code wharf.gateway.idle-unload} (default 15 min; 0
 * keeps them) is unloaded the same way: its pooled instances and plugin bindings are closed, and the engine may
 * drop its compiled modules when the heap needs the room. The next request loads it again, from the engine's
 * memory or disk compile cache, without compiling.
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
    private final long idleUnloadNanos;
    private final ScheduledExecutorService sweeper;
    private final Counter unloaded;
    /**
     * Apps the database did not have, trusted for the route TTL like the ones it had: requests for names that do not
     * exist (typos, scanners) cost one query per name and TTL, not one each. Bounded.
     */
    private final Cache<AppKey, Long> notFound = Caffeine.newBuilder().maximumSize(100_000).build();
    private final Counter foundLookups;
    private final Counter notFoundLookups;

    AppRegistry(RouteStore routes, RevisionLoader loader, Environment env, MeterRegistry meters) {
        this.routes = routes;
        this.loader = loader;
        this.ttlNanos = env.getProperty("wharf.gateway.route-ttl", Duration.class, Duration.ofSeconds(1)).toNanos();
        Duration idle = env.getProperty("wharf.gateway.idle-unload", Duration.class, Duration.ofMinutes(15));
        this.idleUnloadNanos = idle.toNanos();
        this.foundLookups = Counter.builder("wharf.routes.lookups").tag("result", "found")
                .description("Route lookups that went to the database").register(meters);
        this.notFoundLookups = Counter.builder("wharf.routes.lookups").tag("result", "not-found")
                .description("Route lookups that went to the database").register(meters);
        this.unloaded = Counter.builder("wharf.apps.unloaded").description("Loaded app revisions unloaded after being idle")
                .register(meters);
        Gauge.builder("wharf.apps.loaded", this, AppRegistry::loadedApps)
                .description("App revisions loaded in this process (prepared component, instance pool, plugin bindings)")
                .register(meters);
        if (idleUnloadNanos > 0) {
            long every = Math.max(Math.min(idle.toMillis() / 4, 30_000), 100);
            sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("wharf-idle-apps").daemon()
                    .factory());
            sweeper.scheduleWithFixedDelay(this::unloadIdle, every, every, TimeUnit.MILLISECONDS);
        } else {
            sweeper = null;
        }
    }

    /** How many app revisions are loaded in this process now. */
    public int loadedApps() {
        int n = 0;
        for (Entry e : entries.values()) {
            if (e.live() != null && e.live().isDone() && !e.live().isCompletedExceptionally()) {
                n++;
            }
        }
        return n;
    }

    /** Unloads the revisions no request used for the idle time. */
    void unloadIdle() {
        try {
            long now = System.nanoTime();
            for (var e : entries.entrySet()) {
                CompletableFuture<LiveRevision> live = e.getValue().live();
                if (live == null || !live.isDone() || live.isCompletedExceptionally()
                        || live.join().idleNanos(now) < idleUnloadNanos) {
                    continue;
                }
                boolean[] dropped = {false};
                entries.computeIfPresent(e.getKey(), (k, cur) -> {
                    if (cur.live() != live) {
                        return cur;
                    }
                    dropped[0] = true;
                    return new Entry(cur.revision(), cur.checkedAt(), cur.stale(), null);
                });
                if (dropped[0]) {
                    LiveRevision revision = live.join();
                    revision.retire(); // a request that took it just now finishes on it
                    unloaded.increment();
                    log.info("Unloaded {}/{} revision {}: idle for {} s", e.getKey().tenant(), e.getKey().app(),
                            revision.revision().revision(), TimeUnit.NANOSECONDS.toSeconds(revision.idleNanos(now)));
                }
            }
        } catch (RuntimeException ex) {
            log.warn("Unloading idle apps failed", ex);
        }
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
        if (e == null) {
            Long missedAt = notFound.getIfPresent(key);
            if (missedAt != null && System.nanoTime() - missedAt < ttlNanos) {
                return Mono.just(Optional.empty());
            }
        }
        return Blocking.call(() -> {
            Optional<ActiveRevision> found = routes.find(key.tenant(), key.app());
            (found.isPresent() ? foundLookups : notFoundLookups).increment();
            if (found.isEmpty()) {
                notFound.put(key, System.nanoTime());
            } else {
                notFound.invalidate(key);
            }
            return Optional.ofNullable(refresh(key, found));
        });
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
        notFound.invalidate(new AppKey(tenant, app));
        entries.computeIfPresent(new AppKey(tenant, app),
                (k, e) -> new Entry(e.revision(), e.checkedAt(), true, e.live()));
    }

    /** Like {@link #invalidate} for every app of the tenant. */
    public void invalidateTenant(String tenant) {
        notFound.asMap().keySet().removeIf(k -> k.tenant().equals(tenant));
        entries.replaceAll((k, e) -> k.tenant().equals(tenant) ? new Entry(e.revision(), e.checkedAt(), true, e.live()) : e);
    }

    private static void retire(Entry e) {
        if (e != null && e.live() != null) {
            e.live().thenAccept(LiveRevision::retire);
        }
    }

    @Override
    public void destroy() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        entries.values().forEach(AppRegistry::retire);
        entries.clear();
        loading.shutdown();
    }
}
