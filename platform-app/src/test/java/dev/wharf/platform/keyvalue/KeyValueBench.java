package dev.wharf.platform.keyvalue;

import com.zaxxer.hikari.HikariDataSource;
import dev.wharf.engine.Engine;
import dev.wharf.engine.plugin.PluginContext;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.keyvalue.KeyValuePlugin;
import dev.wharf.wasi.keyvalue.KvGuest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Not a test: a bounded benchmark run by {@code bash bench/keyvalue.sh}. Times get, set and increment through a
 * real guest (kv-draft2 -> plugin -> PostgresBackend -> PostgreSQL) beside the plain JDBC statement doing the same
 * on the same database and pool, one thread, and prints throughput and p50/p99 latency of both, with the ratios.
 */
public final class KeyValueBench {
    private interface Op {
        void run(int i) throws Exception;
    }

    private KeyValueBench() {
    }

    public static void main(String[] args) throws Exception {
        int ops = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int rounds = 5;
        try (HikariDataSource ds = KeyValueDatabase.create(); Engine engine = Engine.create()) {
            KeyValueDatabase.createTenant(ds, "bench");
            KeyValuePlugin plugin = new KeyValuePlugin();
            plugin.init(PluginContext.of(Map.of(DataSource.class, ds), k -> null));
            byte[] value = new byte[100];
            Arrays.fill(value, (byte) 'v');
            try (KvGuest guest = new KvGuest(KvGuest.prepare(engine, "kv-draft2", plugin), plugin, "bench", Map.of())) {
                WitValue bucket = guest.open("");
                WitValue.Bytes bytes = WitValue.Bytes.wrap(value);
                guest.call("set", bucket, WitValue.string("k"), bytes);
                raw(ds, "INSERT INTO kv_entries (tenant, bucket, key, value) VALUES ('bench', 'raw', 'k', ?)", value);
                raw(ds, "INSERT INTO kv_entries (tenant, bucket, key, value) VALUES ('bench', 'raw', 'n', '0'::bytea)", null);

                System.out.printf("wasi:keyvalue on PostgreSQL, %d rounds of %d operations, one thread%n", rounds, ops);
                System.out.printf("%-10s %10s %8s %8s   %10s %8s %8s   %7s %7s%n", "operation", "guest/s", "p50 µs",
                        "p99 µs", "JDBC/s", "p50 µs", "p99 µs", "thr", "p99");
                System.out.printf("(thr: JDBC ops/s over guest ops/s; p99: guest p99 over JDBC p99)%n");
                row("get", rounds, ops,
                        i -> check(guest.call("get", bucket, WitValue.string("k"))),
                        i -> raw(ds, "SELECT value FROM kv_entries WHERE tenant = 'bench' AND bucket = 'raw' AND key = 'k'", null));
                row("set", rounds, ops,
                        i -> check(guest.call("set", bucket, WitValue.string("k"), bytes)),
                        i -> raw(ds, "INSERT INTO kv_entries (tenant, bucket, key, value) VALUES ('bench', 'raw', 'k', ?) "
                                + "ON CONFLICT (tenant, bucket, key) DO UPDATE SET value = excluded.value", value));
                row("increment", rounds, ops,
                        i -> check(guest.call("increment", bucket, WitValue.string("n"), WitValue.s64(1))),
                        i -> raw(ds, "UPDATE kv_entries SET value = convert_to((convert_from(value, 'UTF8')::bigint + 1)::text, 'UTF8') "
                                + "WHERE tenant = 'bench' AND bucket = 'raw' AND key = 'n'", null));
            }
        }
        System.exit(0); // the embedded PostgreSQL stops in a shutdown hook
    }

    private static void check(WitValue.ResultValue r) {
        if (!r.ok()) {
            throw new IllegalStateException("guest call failed: " + r);
        }
    }

    private static void raw(DataSource ds, String sql, byte[] param) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            if (param != null) {
                st.setBytes(1, param);
            }
            if (st.execute()) {
                try (ResultSet rs = st.getResultSet()) {
                    rs.next();
                }
            }
        }
    }

    private static void row(String name, int rounds, int ops, Op guest, Op jdbc) throws Exception {
        time(jdbc, ops, null); // warm-up rounds
        time(guest, ops, null);
        long[] g = new long[rounds * ops];
        long[] j = new long[rounds * ops];
        long gTotal = 0;
        long jTotal = 0;
        for (int r = 0; r < rounds; r++) { // interleaved, so both see the same machine
            jTotal += time(jdbc, ops, new Slice(j, r * ops));
            gTotal += time(guest, ops, new Slice(g, r * ops));
        }
        double gRate = g.length * 1e9 / gTotal;
        double jRate = j.length * 1e9 / jTotal;
        System.out.printf("%-10s %10.0f %8.1f %8.1f   %10.0f %8.1f %8.1f   %6.2fx %6.2fx%n", name,
                gRate, percentile(g, 50), percentile(g, 99), jRate, percentile(j, 50), percentile(j, 99),
                jRate / gRate, percentile(g, 99) / percentile(j, 99));
    }

    /** Where {@link #time} records each operation's nanoseconds. */
    private record Slice(long[] into, int offset) {
    }

    /** Runs {@code ops} operations; returns their total nanoseconds, recording each one in {@code record} if given. */
    private static long time(Op op, int ops, Slice record) throws Exception {
        long total = 0;
        for (int i = 0; i < ops; i++) {
            long start = System.nanoTime();
            op.run(i);
            long took = System.nanoTime() - start;
            total += took;
            if (record != null) {
                record.into()[record.offset() + i] = took;
            }
        }
        return total;
    }

    /** The {@code p}th percentile of {@code nanos}, in µs. */
    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1000.0;
    }
}
