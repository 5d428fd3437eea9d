package dev.wharf.wasi.keyvalue;

import static dev.wharf.wasi.keyvalue.KvGuest.b;
import static dev.wharf.wasi.keyvalue.KvGuest.cursor;
import static dev.wharf.wasi.keyvalue.KvGuest.error;
import static dev.wharf.wasi.keyvalue.KvGuest.keys;
import static dev.wharf.wasi.keyvalue.KvGuest.ok;
import static dev.wharf.wasi.keyvalue.KvGuest.s;
import static dev.wharf.wasi.keyvalue.KvGuest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.Engine;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.values.WitValue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * Every wasi:keyvalue function of both drafts, through real components, against one backend. Subclasses supply
 * the plugin (over the memory backend here, PostgreSQL in platform-app) configured with {@link #LIMITS}, and a way
 * to create tenants. Each test uses fresh tenants, so tests do not see each other's data.
 */
@Timeout(180)
public abstract class KeyValueConformance {
    /** Small limits so that tests reach them cheaply. */
    public static final KeyValueLimits LIMITS = new KeyValueLimits(64, 1024, 16 * 1024, 10);

    private static final AtomicInteger TENANTS = new AtomicInteger();
    private static Engine engine;
    private static final Map<String, PreparedComponent> PREPARED = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<KvGuest> open = new ArrayList<>();
    private String tenant;

    /** The plugin under test, initialised, with {@link #LIMITS}; the same object across calls. */
    protected abstract KeyValuePlugin plugin();

    /** Makes {@code name} a tenant the backend accepts. */
    protected abstract void createTenant(String name);

    @BeforeEach
    void freshTenant(TestInfo info) {
        tenant = newTenant();
    }

    protected String newTenant() {
        String name = "t" + ProcessHandle.current().pid() + "x" + TENANTS.incrementAndGet();
        createTenant(name);
        return name;
    }

    @AfterAll
    static void closeEngine() {
        if (engine != null) {
            engine.close();
            engine = null;
            PREPARED.clear();
        }
    }

    protected KvGuest guest(String component, String tenantName, Map<String, Object> settings) {
        synchronized (KeyValueConformance.class) {
            if (engine == null) {
                engine = Engine.create();
            }
        }
        PreparedComponent prepared = PREPARED.computeIfAbsent(component + "@" + System.identityHashCode(plugin()),
                k -> KvGuest.prepare(engine, component, plugin()));
        KvGuest guest = new KvGuest(prepared, plugin(), tenantName, settings);
        synchronized (open) {
            open.add(guest);
        }
        return guest;
    }

    protected KvGuest guest(String component) {
        return guest(component, tenant, Map.of());
    }

    @org.junit.jupiter.api.AfterEach
    void closeGuests() {
        open.forEach(KvGuest::close);
        open.clear();
    }

    @Test
    void draft2StoreGetSetDeleteExists() {
        KvGuest g = guest("kv-draft2");
        WitValue bucket = g.open("");
        assertThat(text(ok(g.call("get", bucket, s("k"))))).isNull();
        assertThat(ok(g.call("exists", bucket, s("k")))).isEqualTo(WitValue.bool(false));
        ok(g.call("set", bucket, s("k"), b("v1")));
        assertThat(text(ok(g.call("get", bucket, s("k"))))).isEqualTo("v1");
        ok(g.call("set", bucket, s("k"), b("v2")));
        assertThat(text(ok(g.call("get", bucket, s("k"))))).isEqualTo("v2");
        assertThat(ok(g.call("exists", bucket, s("k")))).isEqualTo(WitValue.bool(true));
        // "default" and "" are the same bucket, and another instance reads this one's writes
        KvGuest other = guest("kv-draft2");
        assertThat(text(ok(other.call("get", other.open("default"), s("k"))))).isEqualTo("v2");
        ok(g.call("delete", bucket, s("k")));
        ok(g.call("delete", bucket, s("k")));
        assertThat(ok(g.call("exists", bucket, s("k")))).isEqualTo(WitValue.bool(false));
        assertThat(text(ok(g.call("get", bucket, s("k"))))).isNull();
        g.callVoid("drop-bucket", bucket);
    }

    @Test
    void draft2ListKeysPagesWithAStableCursor() {
        KvGuest g = guest("kv-draft2");
        WitValue bucket = g.open("");
        Set<String> original = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            ok(g.call("set", bucket, s("key-" + i), b("x")));
            original.add("key-" + i);
        }
        List<String> seen = new ArrayList<>();
        Optional<WitValue> cursor = Optional.empty();
        int pages = 0;
        do {
            WitValue page = ok(g.call("list-keys", bucket, cursor.map(WitValue::some).orElse(WitValue.none())));
            assertThat(keys(page)).hasSizeLessThanOrEqualTo(LIMITS.pageSize());
            seen.addAll(keys(page));
            cursor = cursor(page);
            // writers during the scan: new keys may or may not appear, old ones must appear exactly once
            ok(g.call("set", bucket, s("new-" + pages), b("y")));
            ok(g.call("set", bucket, s("key-0"), b("overwritten")));
            pages++;
        } while (cursor.isPresent() && pages < 100);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(original);
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(error(g.call("list-keys", bucket, WitValue.some(s("not a cursor"))))).startsWith("other: invalid cursor");
    }

    @Test
    void listKeysWhileAnotherInstanceInsertsAndDeletes() throws Exception {
        KvGuest g = guest("kv-draft2");
        WitValue bucket = g.open("");
        Set<String> original = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            ok(g.call("set", bucket, s("old-" + i), b("x")));
            original.add("old-" + i);
        }
        KvGuest writer = guest("kv-draft2");
        java.util.concurrent.atomic.AtomicBoolean scanning = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread churn = Thread.ofPlatform().start(() -> {
            WitValue w = writer.open("");
            for (int i = 0; scanning.get() && i < 5000; i++) {
                ok(writer.call("set", w, s("churn-" + i), b("y")));
                if (i % 2 == 0) {
                    ok(writer.call("delete", w, s("churn-" + (i / 2))));
                }
            }
        });
        List<String> seen = new ArrayList<>();
        try {
            Optional<WitValue> cursor = Optional.empty();
            int pages = 0;
            do {
                WitValue page = ok(g.call("list-keys", bucket, cursor.map(WitValue::some).orElse(WitValue.none())));
                seen.addAll(keys(page));
                cursor = cursor(page);
                pages++;
            } while (cursor.isPresent() && pages < 10_000);
        } finally {
            scanning.set(false);
            churn.join();
        }
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(original);
    }

    @Test
    void draft2IncrementIsACounterInDecimalTextAndReadsEightByteLittleEndian() {
        KvGuest g = guest("kv-draft2");
        WitValue bucket = g.open("");
        assertThat(ok(g.call("increment", bucket, s("n"), WitValue.s64(5)))).isEqualTo(WitValue.s64(5));
        assertThat(ok(g.call("increment", bucket, s("n"), WitValue.s64(-7)))).isEqualTo(WitValue.s64(-2));
        assertThat(text(ok(g.call("get", bucket, s("n"))))).isEqualTo("-2");
        byte[] spin = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array();
        ok(g.call("set", bucket, s("le"), WitValue.Bytes.wrap(spin)));
        assertThat(ok(g.call("increment", bucket, s("le"), WitValue.s64(1)))).isEqualTo(WitValue.s64(1001));
        ok(g.call("set", bucket, s("word"), b("hello")));
        assertThat(error(g.call("increment", bucket, s("word"), WitValue.s64(1)))).contains("not a counter");
        assertThat(text(ok(g.call("get", bucket, s("word"))))).isEqualTo("hello");
        ok(g.call("set", bucket, s("big"), b(Long.toString(Long.MAX_VALUE))));
        assertThat(error(g.call("increment", bucket, s("big"), WitValue.s64(1)))).contains("overflows");
    }

    @Test
    void draft2CompareAndSwap() {
        KvGuest g = guest("kv-draft2");
        WitValue bucket = g.open("");
        WitValue cas = ok(g.call("cas-new", bucket, s("c")));
        assertThat(text(ok(g.call("cas-current", cas)))).isNull();
        ok(g.call("swap", cas, b("first")));
        assertThat(text(ok(g.call("get", bucket, s("c"))))).isEqualTo("first");

        WitValue stale = ok(g.call("cas-new", bucket, s("c")));
        assertThat(text(ok(g.call("cas-current", stale)))).isEqualTo("first");
        ok(g.call("set", bucket, s("c"), b("someone else")));
        WitValue.ResultValue lost = g.call("swap", stale, b("mine"));
        assertThat(lost.ok()).isFalse();
        WitValue.ResultValue casError = (WitValue.ResultValue) lost.payload().orElseThrow();
        assertThat(casError.ok()).as("cas-failed, not store-error").isFalse();
        WitValue fresh = casError.payload().orElseThrow();
        assertThat(text(ok(g.call("cas-current", fresh)))).isEqualTo("someone else");
        assertThat(text(ok(g.call("get", bucket, s("c"))))).isEqualTo("someone else");
        ok(g.call("swap", fresh, b("mine")));
        assertThat(text(ok(g.call("get", bucket, s("c"))))).isEqualTo("mine");

        // a key deleted and created again after cas.new is a change too
        WitValue again = ok(g.call("cas-new", bucket, s("c")));
        ok(g.call("delete", bucket, s("c")));
        ok(g.call("set", bucket, s("c"), b("mine")));
        assertThat(g.call("swap", again, b("late")).ok()).isFalse();
        WitValue dropped = ok(g.call("cas-new", bucket, s("d")));
        g.callVoid("drop-cas", dropped);
    }

    @Test
    void draft2Batch() {
        KvGuest g = guest("kv-draft2");
        WitValue bucket = g.open("");
        ok(g.call("set-many", bucket, WitValue.list(WitValue.tuple(s("a"), b("1")), WitValue.tuple(s("b"), b("2")))));
        WitValue many = ok(g.call("get-many", bucket, WitValue.list(s("b"), s("missing"), s("a"))));
        assertThat(many).isEqualTo(WitValue.list(WitValue.some(WitValue.tuple(s("b"), b("2"))), WitValue.none(),
                WitValue.some(WitValue.tuple(s("a"), b("1")))));
        ok(g.call("delete-many", bucket, WitValue.list(s("a"), s("missing"))));
        assertThat(ok(g.call("get-many", bucket, WitValue.list(s("a"), s("b")))))
                .isEqualTo(WitValue.list(WitValue.none(), WitValue.some(WitValue.tuple(s("b"), b("2")))));
    }

    @Test
    void draft2SpinGetManyShapeIsBoundByItsType() {
        KvGuest g = guest("kv-draft2-spin");
        WitValue bucket = g.open("");
        ok(g.call("set-many", bucket, WitValue.list(WitValue.tuple(s("a"), b("1")))));
        assertThat(ok(g.call("get-many", bucket, WitValue.list(s("a"), s("missing"))))).isEqualTo(WitValue.list(
                WitValue.tuple(s("a"), WitValue.some(b("1"))), WitValue.tuple(s("missing"), WitValue.none())));
        ok(g.call("delete-many", bucket, WitValue.list(s("a"))));
        assertThat(text(ok(g.call("get", bucket, s("a"))))).isNull();
    }

    @Test
    void draftVersionEveryFunction() {
        KvGuest g = guest("kv-draft");
        WitValue bucket = g.open("");
        ok(g.call("set", bucket, s("k"), b("v")));
        assertThat(text(ok(g.call("get", bucket, s("k"))))).isEqualTo("v");
        assertThat(ok(g.call("exists", bucket, s("k")))).isEqualTo(WitValue.bool(true));
        ok(g.call("delete", bucket, s("k")));
        assertThat(ok(g.call("exists", bucket, s("k")))).isEqualTo(WitValue.bool(false));
        assertThat(ok(g.call("increment", bucket, s("n"), WitValue.u64(41)))).isEqualTo(WitValue.u64(41));
        assertThat(ok(g.call("increment", bucket, s("n"), WitValue.u64(1)))).isEqualTo(WitValue.u64(42));
        for (int i = 0; i < 15; i++) {
            ok(g.call("set", bucket, s("p" + i), b("x")));
        }
        List<String> seen = new ArrayList<>();
        Optional<WitValue> cursor = Optional.empty();
        do {
            WitValue page = ok(g.call("list-keys", bucket, cursor.map(WitValue::some).orElse(WitValue.none())));
            cursor = cursor(page);
            cursor.ifPresent(c -> assertThat(c).isInstanceOf(WitValue.U64.class));
            seen.addAll(keys(page));
        } while (cursor.isPresent());
        assertThat(seen).hasSize(16).doesNotHaveDuplicates().contains("n", "p0", "p14");
        ok(g.call("set-many", bucket, WitValue.list(WitValue.tuple(s("a"), b("1")))));
        assertThat(ok(g.call("get-many", bucket, WitValue.list(s("a"), s("zz")))))
                .isEqualTo(WitValue.list(WitValue.some(WitValue.tuple(s("a"), b("1"))), WitValue.none()));
        ok(g.call("delete-many", bucket, WitValue.list(s("a"))));
        assertThat(ok(g.call("exists", bucket, s("a")))).isEqualTo(WitValue.bool(false));
        // both drafts see the same bucket
        KvGuest d2 = guest("kv-draft2");
        assertThat(text(ok(d2.call("get", d2.open(""), s("n"))))).isEqualTo("42");
    }

    @Test
    void openChecksTheAppsBucketBindings() {
        KvGuest plain = guest("kv-draft2");
        assertThat(error(plain.call("open", s("cache")))).isEqualTo("access-denied");
        assertThat(error(plain.call("open", s("No/Such")))).isEqualTo("no-such-store");
        KvGuest bound = guest("kv-draft2", tenant, Map.of("buckets", List.of("default", "cache")));
        WitValue cache = bound.open("cache");
        WitValue def = bound.open("");
        ok(bound.call("set", cache, s("k"), b("in cache")));
        assertThat(text(ok(bound.call("get", def, s("k"))))).isNull();
        KvGuest cacheOnly = guest("kv-draft2", tenant, Map.of("buckets", List.of("cache")));
        assertThat(error(cacheOnly.call("open", s("")))).isEqualTo("access-denied");
        assertThat(text(ok(cacheOnly.call("get", cacheOnly.open("cache"), s("k"))))).isEqualTo("in cache");
    }

    @Test
    void tenantsAreIsolatedOnEveryPath() {
        String other = newTenant();
        KvGuest a = guest("kv-draft2", tenant, Map.of());
        WitValue bucketA = a.open("");
        ok(a.call("set", bucketA, s("secret"), b("of a")));
        ok(a.call("increment", bucketA, s("count"), WitValue.s64(3)));
        KvGuest bGuest = guest("kv-draft2", other, Map.of());
        WitValue bucketB = bGuest.open("default");
        assertThat(text(ok(bGuest.call("get", bucketB, s("secret"))))).isNull();
        assertThat(ok(bGuest.call("exists", bucketB, s("secret")))).isEqualTo(WitValue.bool(false));
        assertThat(keys(ok(bGuest.call("list-keys", bucketB, WitValue.none())))).isEmpty();
        assertThat(ok(bGuest.call("get-many", bucketB, WitValue.list(s("secret"))))).isEqualTo(WitValue.list(WitValue.none()));
        assertThat(text(ok(bGuest.call("cas-current", ok(bGuest.call("cas-new", bucketB, s("secret"))))))).isNull();
        assertThat(ok(bGuest.call("increment", bucketB, s("count"), WitValue.s64(1)))).isEqualTo(WitValue.s64(1));
        // a cursor from A's listing does not reveal A's keys to B
        ok(a.call("set", bucketA, s("more"), b("x")));
        for (int i = 0; i < 12; i++) {
            ok(a.call("set", bucketA, s("k" + i), b("x")));
        }
        WitValue pageA = ok(a.call("list-keys", bucketA, WitValue.none()));
        assertThat(keys(ok(bGuest.call("list-keys", bucketB, WitValue.some(cursor(pageA).orElseThrow())))))
                .doesNotContain("secret", "more").allMatch(k -> k.equals("count"));
        ok(bGuest.call("delete-many", bucketB, WitValue.list(s("secret"))));
        assertThat(text(ok(a.call("get", bucketA, s("secret"))))).isEqualTo("of a");
        assertThat(text(ok(a.call("get", bucketA, s("count"))))).isEqualTo("3");
    }

    @Test
    void limitsRejectWritesAndStoreNothing() {
        KvGuest g = guest("kv-draft2");
        WitValue bucket = g.open("");
        String longKey = "k".repeat(LIMITS.maxKeyBytes() + 1);
        assertThat(error(g.call("set", bucket, s(longKey), b("v")))).startsWith("other: the key is 65 bytes long, the limit is 64");
        assertThat(ok(g.call("exists", bucket, s(longKey.substring(1))))).isEqualTo(WitValue.bool(false));
        WitValue big = WitValue.Bytes.wrap(new byte[LIMITS.maxValueBytes() + 1]);
        assertThat(error(g.call("set", bucket, s("big"), big))).startsWith("other: the value for 'big' is 1025 bytes");
        assertThat(ok(g.call("exists", bucket, s("big")))).isEqualTo(WitValue.bool(false));
        assertThat(error(g.call("set-many", bucket, WitValue.list(WitValue.tuple(s("fine"), b("1")), WitValue.tuple(s("big"), big)))))
                .contains("1025 bytes");
        assertThat(ok(g.call("exists", bucket, s("fine")))).as("set-many stores all or nothing").isEqualTo(WitValue.bool(false));
        assertThat(error(g.call("increment", bucket, s(longKey), WitValue.s64(1)))).contains("the limit is 64");
        // fill the tenant to just under its total, then one more byte is refused
        WitValue kib = WitValue.Bytes.wrap(new byte[1000]);
        int stored = 0;
        while (true) {
            WitValue.ResultValue r = g.call("set", bucket, s("fill-" + stored), kib);
            if (!r.ok()) {
                assertThat(error(r)).contains("would store").contains("the limit is " + LIMITS.maxTenantBytes());
                break;
            }
            stored++;
        }
        assertThat(stored).isEqualTo(16);
        assertThat(ok(g.call("exists", bucket, s("fill-" + stored)))).isEqualTo(WitValue.bool(false));
        // deleting frees room
        ok(g.call("delete", bucket, s("fill-0")));
        ok(g.call("set", bucket, s("fill-again"), kib));
    }

    @Test
    void parallelIncrementsAreNeverLost() throws Exception {
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                KvGuest g = guest("kv-draft2");
                done.add(pool.submit(() -> {
                    WitValue bucket = g.open("");
                    for (int i = 0; i < each; i++) {
                        ok(g.call("increment", bucket, s("hits"), WitValue.s64(1)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        KvGuest g = guest("kv-draft2");
        assertThat(text(ok(g.call("get", g.open(""), s("hits"))))).isEqualTo(Integer.toString(threads * each));
    }

    @Test
    void parallelSwapsHaveExactlyOneWinnerPerRound() throws Exception {
        int threads = 6;
        int rounds = 10;
        CyclicBarrier read = new CyclicBarrier(threads);
        CyclicBarrier swapped = new CyclicBarrier(threads);
        AtomicInteger[] winners = new AtomicInteger[rounds];
        for (int r = 0; r < rounds; r++) {
            winners[r] = new AtomicInteger();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                KvGuest g = guest("kv-draft2");
                done.add(pool.submit(() -> {
                    WitValue bucket = g.open("");
                    for (int r = 0; r < rounds; r++) {
                        WitValue cas = ok(g.call("cas-new", bucket, s("leader")));
                        read.await();
                        if (g.call("swap", cas, b("round " + r + " thread " + me)).ok()) {
                            winners[r].incrementAndGet();
                        }
                        swapped.await();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int r = 0; r < rounds; r++) {
            assertThat(winners[r].get()).as("winners in round " + r).isEqualTo(1);
        }
    }
}
