package dev.wharf.platform.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link ConfigCache} of this replica in step with changes made by any replica: LISTENs on PostgreSQL's
 * {@code wharf_config} channel (the V3 trigger notifies it with the tenant id at every commit that changes a
 * value) over a dedicated connection outside the pool. When that connection is lost, notifications may be missed,
 * so after every (re)connect the whole cache is dropped; it then reconnects with a growing pause (up to 30 s).
 */
public final class ConfigChangeListener implements AutoCloseable {
    static final String CHANNEL = "wharf_config";
    /** The connection's application_name, so operators (and tests) can find it in pg_stat_activity. */
    public static final String APPLICATION_NAME = "wharf-config-listener";
    private static final Logger log = LoggerFactory.getLogger(ConfigChangeListener.class);
    private static final int POLL_MILLIS = 500;
    private static final long CHECK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String url;
    private final Properties credentials;
    private final ConfigCache cache;
    private final Thread thread;
    private final AtomicLong connections = new AtomicLong();
    private volatile CountDownLatch connected = new CountDownLatch(1);
    private volatile boolean running = true;

    public ConfigChangeListener(String url, String username, String password, ConfigCache cache) {
        this.url = url;
        this.credentials = new Properties();
        if (username != null) {
            credentials.setProperty("user", username);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        credentials.setProperty("ApplicationName", APPLICATION_NAME);
        credentials.setProperty("tcpKeepAlive", "true");
        this.cache = cache;
        this.thread = Thread.ofPlatform().daemon().name(APPLICATION_NAME).unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** How many times the listener has connected (1 after start, more after reconnects). */
    public long connections() {
        return connections.get();
    }

    /** Waits until the listener is connected (again, after a loss); false when the time ran out. */
    public boolean awaitConnected(long timeout, TimeUnit unit) throws InterruptedException {
        return connected.await(timeout, unit);
    }

    private void run() {
        long pauseMillis = 500;
        while (running) {
            try (Connection c = DriverManager.getConnection(url, credentials)) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                // whatever changed while we were not listening is unknown: forget everything
                cache.invalidateAll();
                connections.incrementAndGet();
                connected.countDown();
                pauseMillis = 500;
                listen(c);
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                if (connected.getCount() == 0) {
                    connected = new CountDownLatch(1);
                }
                log.warn("The config change listener lost its database connection ({}); reconnecting in {} ms",
                        e.getMessage(), pauseMillis);
                sleep(pauseMillis);
                pauseMillis = Math.min(pauseMillis * 2, 30_000);
            }
        }
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastCheck = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null) {
                for (PGNotification n : notifications) {
                    invalidate(n.getParameter());
                }
            }
            if (System.nanoTime() - lastCheck > CHECK_EVERY_NANOS) {
                // a silent connection may be a dead one: a round trip finds out
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                lastCheck = System.nanoTime();
            }
        }
    }

    private void invalidate(String payload) {
        try {
            cache.invalidateTenant(Long.parseLong(payload));
        } catch (NumberFormatException e) {
            cache.invalidateAll();
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
