package dev.wharf.platform.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wharf.wasi.config.ConfigSnapshot;
import dev.wharf.wasi.config.ConfigSource;
import dev.wharf.wasi.config.ConfigSourceException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * The platform's {@link ConfigSource}: each app's merged view (tenant-wide values overridden by the app's, secrets
 * decrypted) in an in-process Caffeine cache, loaded from PostgreSQL on a miss. Every change drops the tenant's
 * views: at once on the replica that made it, and on the others when PostgreSQL's notification arrives
 * ({@link ConfigChangeListener}). The expiry is only a safety net.
 */
public final class ConfigCache implements ConfigSource {
    private static final Logger log = LoggerFactory.getLogger(ConfigCache.class);

    private record Key(String tenant, String app) {}

    /** {@code tenantId} is {@code -1} for a tenant that did not exist when loaded. */
    private record Entry(long tenantId, ConfigSnapshot snapshot) {}

    private final ConfigStore store;
    private final Optional<SecretCipher> cipher;
    private final Cache<Key, Entry> cache;
    private final AtomicLong invalidations = new AtomicLong();

    public ConfigCache(ConfigStore store, Optional<SecretCipher> cipher, long maxApps, Duration expireAfterWrite) {
        this.store = store;
        this.cipher = cipher;
        this.cache = Caffeine.newBuilder().maximumSize(maxApps).expireAfterWrite(expireAfterWrite).build();
    }

    @Override
    public ConfigSnapshot snapshot(String tenant, String app) {
        Key key = new Key(tenant, app);
        Entry cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached.snapshot();
        }
        // A load may read the database just before a change commits. The invalidation of that change cannot remove
        // an entry that is not in the cache yet, so the loader checks afterwards whether any invalidation started
        // since it began, and if so it takes back what it stored. Either way no stale view outlives the change.
        long before = invalidations.get();
        Entry loaded = load(key);
        cache.put(key, loaded);
        if (invalidations.get() != before) {
            cache.asMap().remove(key, loaded);
        }
        return loaded.snapshot();
    }

    /** Drops every cached view of the tenant (and of tenants that did not exist yet when they were cached). */
    public void invalidateTenant(long tenantId) {
        invalidations.incrementAndGet();
        cache.asMap().values().removeIf(e -> e.tenantId() == tenantId || e.tenantId() == -1);
    }

    public void invalidateAll() {
        invalidations.incrementAndGet();
        cache.invalidateAll();
    }

    private Entry load(Key key) {
        ConfigStore.Levels levels;
        try {
            levels = store.levels(key.tenant(), key.app());
        } catch (DataAccessException e) {
            log.warn("Cannot load the configuration of app {} of tenant {}: {}", key.app(), key.tenant(),
                    e.getMostSpecificCause().getMessage());
            throw new ConfigSourceException("the configuration store is unavailable", e);
        }
        // tenant-wide rows first, so the app's own rows (readable or not) override them
        Map<String, String> values = new HashMap<>();
        Map<String, String> unreadable = new HashMap<>();
        for (boolean appLevel : new boolean[] {false, true}) {
            for (StoredValue row : levels.rows()) {
                if (row.app().isEmpty() == appLevel) {
                    continue;
                }
                try {
                    values.put(row.key(), plaintext(levels.tenantId(), row));
                    unreadable.remove(row.key());
                } catch (ConfigSourceException e) {
                    unreadable.put(row.key(), e.getMessage());
                    values.remove(row.key());
                }
            }
        }
        return new Entry(levels.tenantId(), new ConfigSnapshot(values, unreadable));
    }

    /** @throws ConfigSourceException a secret this platform cannot open (only that key fails for the guest) */
    private String plaintext(long tenantId, StoredValue row) {
        if (!row.secret()) {
            return row.value();
        }
        String where = "secret '" + row.key() + "'" + (row.app().isEmpty() ? " (tenant-wide)" : "");
        SecretCipher c = cipher.orElseThrow(() -> new ConfigSourceException(
                where + " cannot be read: the platform has no secrets key (wharf.secrets.key)"));
        try {
            return c.open(row.sealed(), SecretCipher.associatedData(tenantId, row.app(), row.key()));
        } catch (SecretCipher.UnsealException e) {
            log.warn("Cannot decrypt {} of tenant id {}: {}", where, tenantId, e.getMessage());
            throw new ConfigSourceException(where + " cannot be decrypted: " + e.getMessage());
        }
    }
}
