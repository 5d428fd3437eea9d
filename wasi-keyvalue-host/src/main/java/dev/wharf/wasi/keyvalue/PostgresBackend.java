package dev.wharf.wasi.keyvalue;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Buckets in PostgreSQL (tables {@code kv_entries} and {@code kv_usage}, migration {@code V2__keyvalue.sql}), in
 * plain JDBC. Reads are single statements. Every write runs in one transaction that first locks the tenant's
 * {@code kv_usage} row: a tenant's writes are serialised, which makes {@code increment} and compare-and-swap
 * atomic across all replicas and keeps the byte count exact; a failure rolls the whole write back. Any failure to
 * talk to the database reaches the guest as {@code other("store unavailable")}; the next call simply tries again.
 */
public final class PostgresBackend implements KeyValueBackend {
    private static final System.Logger LOG = System.getLogger(PostgresBackend.class.getName());

    private static final String LOCK_USAGE = "INSERT INTO kv_usage (tenant, bytes) VALUES (?, 0) "
            + "ON CONFLICT (tenant) DO UPDATE SET bytes = kv_usage.bytes RETURNING bytes, max_bytes";
    private static final String UPSERT = "INSERT INTO kv_entries (tenant, bucket, key, value) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (tenant, bucket, key) DO UPDATE SET value = excluded.value, version = nextval('kv_sequence')";

    private final DataSource dataSource;
    private final KeyValueLimits limits;

    public PostgresBackend(DataSource dataSource, KeyValueLimits limits) {
        this.dataSource = dataSource;
        this.limits = limits;
    }

    @Override
    public KeyValueLimits limits() {
        return limits;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** A write: {@code work} returns the change in the tenant's bytes through {@link Write}. */
    @FunctionalInterface
    private interface WriteWork<T> {
        T run(Connection c, Write write) throws SQLException;
    }

    private static final class Write {
        long delta;
    }

    private <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private <T> T write(BucketId bucket, WriteWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long used;
                long max;
                try (PreparedStatement st = c.prepareStatement(LOCK_USAGE)) {
                    st.setString(1, bucket.tenant());
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        used = rs.getLong(1);
                        // the tenant's own quota (an admin's override), else the platform's
                        long own = rs.getLong(2);
                        max = rs.wasNull() ? limits.maxTenantBytes() : own;
                    }
                }
                Write write = new Write();
                T result = work.run(c, write);
                if (write.delta > 0 && used + write.delta > max) {
                    throw KeyValueLimits.tenantFull(bucket.tenant(), used + write.delta, max);
                }
                if (write.delta != 0) {
                    try (PreparedStatement st = c.prepareStatement("UPDATE kv_usage SET bytes = bytes + ? WHERE tenant = ?")) {
                        st.setLong(1, write.delta);
                        st.setString(2, bucket.tenant());
                        st.executeUpdate();
                    }
                }
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: PostgreSQL rolls the transaction back by itself
        }
    }

    private static KeyValueException failure(SQLException e) {
        if ("23503".equals(e.getSQLState())) {
            return KeyValueException.other("the tenant does not exist");
        }
        String state = e.getSQLState();
        if (state == null || !(state.startsWith("08") || state.startsWith("57") || state.startsWith("53"))) {
            LOG.log(Level.WARNING, "keyvalue statement failed: " + e.getMessage());
        }
        return KeyValueException.unavailable(e);
    }

    private static PreparedStatement keyed(Connection c, String sql, BucketId bucket, String key) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        st.setString(1, bucket.tenant());
        st.setString(2, bucket.bucket());
        st.setString(3, key);
        return st;
    }

    /** In a write, the tenant's lock already keeps the row from changing under us. */
    private static Optional<byte[]> selectValue(Connection c, BucketId bucket, String key) throws SQLException {
        try (PreparedStatement st = keyed(c, "SELECT value FROM kv_entries WHERE tenant = ? AND bucket = ? AND key = ?",
                bucket, key); ResultSet rs = st.executeQuery()) {
            return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
        }
    }

    private static Optional<Versioned> selectVersioned(Connection c, BucketId bucket, String key) throws SQLException {
        try (PreparedStatement st = keyed(c, "SELECT value, version FROM kv_entries WHERE tenant = ? AND bucket = ? AND key = ?",
                bucket, key); ResultSet rs = st.executeQuery()) {
            return rs.next() ? Optional.of(new Versioned(rs.getBytes(1), rs.getLong(2))) : Optional.empty();
        }
    }

    /** Upserts under the tenant lock; returns the change in stored bytes. */
    private static long upsert(Connection c, BucketId bucket, String key, byte[] value) throws SQLException {
        return upsert(c, bucket, key, value, selectValue(c, bucket, key));
    }

    /** Upserts over the value {@code old} that this transaction already read. */
    private static long upsert(Connection c, BucketId bucket, String key, byte[] value, Optional<byte[]> old)
            throws SQLException {
        try (PreparedStatement st = keyed(c, UPSERT, bucket, key)) {
            st.setBytes(4, value);
            st.executeUpdate();
        }
        return size(key, value) - old.map(v -> size(key, v)).orElse(0L);
    }

    private static long size(String key, byte[] value) {
        return key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + (long) value.length;
    }

    @Override
    public Optional<byte[]> get(BucketId bucket, String key) {
        return read(c -> selectValue(c, bucket, key));
    }

    @Override
    public void set(BucketId bucket, String key, byte[] value) {
        setMany(bucket, List.of(Map.entry(key, value)));
    }

    @Override
    public void delete(BucketId bucket, String key) {
        deleteMany(bucket, List.of(key));
    }

    @Override
    public boolean exists(BucketId bucket, String key) {
        return read(c -> {
            try (PreparedStatement st = keyed(c, "SELECT 1 FROM kv_entries WHERE tenant = ? AND bucket = ? AND key = ?",
                    bucket, key); ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        });
    }

    @Override
    public KeyPage listKeys(BucketId bucket, OptionalLong after) {
        return read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT key, position FROM kv_entries "
                    + "WHERE tenant = ? AND bucket = ? AND position > ? ORDER BY position LIMIT ?")) {
                st.setString(1, bucket.tenant());
                st.setString(2, bucket.bucket());
                st.setLong(3, after.orElse(Long.MIN_VALUE));
                st.setInt(4, limits.pageSize() + 1);
                List<String> keys = new ArrayList<>();
                long last = 0;
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        if (keys.size() == limits.pageSize()) {
                            return new KeyPage(keys, OptionalLong.of(last));
                        }
                        keys.add(rs.getString(1));
                        last = rs.getLong(2);
                    }
                }
                return new KeyPage(keys, OptionalLong.empty());
            }
        });
    }

    @Override
    public long increment(BucketId bucket, String key, long delta) {
        limits.checkKey(key);
        return write(bucket, (c, w) -> {
            Optional<byte[]> old = selectValue(c, bucket, key);
            long next = old.isEmpty() ? delta : CounterEncoding.add(key, CounterEncoding.decode(key, old.get()), delta);
            w.delta = upsert(c, bucket, key, CounterEncoding.encode(next), old);
            return next;
        });
    }

    @Override
    public Optional<Versioned> getVersioned(BucketId bucket, String key) {
        return read(c -> selectVersioned(c, bucket, key));
    }

    @Override
    public boolean compareAndSwap(BucketId bucket, String key, OptionalLong expectedVersion, byte[] value) {
        limits.checkKey(key);
        limits.checkValue(key, value);
        return write(bucket, (c, w) -> {
            Optional<Versioned> now = selectVersioned(c, bucket, key);
            boolean unchanged = now.isEmpty() ? expectedVersion.isEmpty()
                    : expectedVersion.isPresent() && expectedVersion.getAsLong() == now.get().version();
            if (unchanged) {
                w.delta = upsert(c, bucket, key, value, now.map(Versioned::value));
            }
            return unchanged;
        });
    }

    @Override
    public Map<String, byte[]> getMany(BucketId bucket, List<String> keys) {
        return read(c -> {
            Map<String, byte[]> found = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT key, value FROM kv_entries "
                    + "WHERE tenant = ? AND bucket = ? AND key = ANY (?)")) {
                st.setString(1, bucket.tenant());
                st.setString(2, bucket.bucket());
                st.setArray(3, c.createArrayOf("text", keys.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), rs.getBytes(2));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public void setMany(BucketId bucket, List<Map.Entry<String, byte[]>> entries) {
        Map<String, byte[]> last = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : entries) {
            limits.checkKey(e.getKey());
            limits.checkValue(e.getKey(), e.getValue());
            last.put(e.getKey(), e.getValue());
        }
        write(bucket, (c, w) -> {
            for (Map.Entry<String, byte[]> e : last.entrySet()) {
                w.delta += upsert(c, bucket, e.getKey(), e.getValue());
            }
            return null;
        });
    }

    @Override
    public void deleteMany(BucketId bucket, List<String> keys) {
        write(bucket, (c, w) -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM kv_entries WHERE tenant = ? AND bucket = ? "
                    + "AND key = ANY (?) RETURNING octet_length(convert_to(key, 'UTF8')) + octet_length(value)")) {
                st.setString(1, bucket.tenant());
                st.setString(2, bucket.bucket());
                st.setArray(3, c.createArrayOf("text", keys.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        w.delta -= rs.getLong(1);
                    }
                }
            }
            return null;
        });
    }

    /** The {@code postgres} type: needs the platform's {@link DataSource}. */
    public static final class Factory implements KeyValueBackendFactory {
        @Override
        public String type() {
            return "postgres";
        }

        @Override
        public KeyValueBackend create(dev.wharf.engine.plugin.PluginContext context, KeyValueLimits limits) {
            DataSource ds = context.service(DataSource.class).orElseThrow(() -> new IllegalStateException(
                    "wharf.keyvalue.type=postgres needs a javax.sql.DataSource, and the platform offers none"));
            return new PostgresBackend(ds, limits);
        }
    }
}
