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
 * on the same database and pool, one thread, and prints µs per operation and the guest/JDBC ratio.
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
                System.out.printf("%-10s %14s %14s %8s%n", "operation", "guest µs/op", "JDBC µs/op", "ratio");
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
        time(jdbc, ops);
        time(guest, ops);
        double[] g = new double[rounds];
        double[] j = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            j[r] = time(jdbc, ops);
            g[r] = time(guest, ops);
        }
        double gm = median(g);
        double jm = median(j);
        System.out.printf("%-10s %14.1f %14.1f %7.2fx%n", name, gm, jm, gm / jm);
    }

    /** µs per operation over {@code ops} operations. */
    private static double time(Op op, int ops) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            op.run(i);
        }
        return (System.nanoTime() - start) / 1000.0 / ops;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
