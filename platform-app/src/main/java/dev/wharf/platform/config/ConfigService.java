package dev.wharf.platform.config;

import dev.wharf.platform.api.ApiException;
import java.util.List;
import java.util.Optional;

/**
 * What the config API does, blocking (call it through {@code Blocking}): validates keys and values, encrypts
 * secrets before they reach the database, and drops this replica's cached views at once after a change (the
 * other replicas hear of it through PostgreSQL). Values never appear in messages or logs.
 */
public class ConfigService {
    /** The answer to a PUT: the entry as shown, and whether the key was new. */
    public record Put(ConfigEntry entry, boolean created) {}

    private final ConfigStore store;
    private final ConfigCache cache;
    private final Optional<SecretCipher> cipher;
    private final ConfigLimits limits;

    public ConfigService(ConfigStore store, ConfigCache cache, Optional<SecretCipher> cipher, ConfigLimits limits) {
        this.store = store;
        this.cache = cache;
        this.cipher = cipher;
        this.limits = limits;
    }

    public ConfigLimits limits() {
        return limits;
    }

    /** Throws 400 with the reason when {@code key} is not a valid key. */
    public void requireKey(String key) {
        String problem = limits.keyProblem(key);
        if (problem != null) {
            throw ApiException.badRequest(problem);
        }
    }

    public Put put(ConfigScope scope, String key, String value, boolean secret) {
        requireKey(key);
        String problem = limits.valueProblem(value);
        if (problem != null) {
            throw ApiException.badRequest("config key '" + key + "': " + problem);
        }
        SecretCipher.Sealed sealed = null;
        if (secret) {
            SecretCipher c = cipher.orElseThrow(() -> ApiException.conflict("this platform has no secrets key, so it "
                    + "stores no secrets: the operator must set wharf.secrets.key or wharf.secrets.key-file "
                    + "(WHARF_SECRETS_KEY); store the value with \"secret\": false if it is not a secret"));
            sealed = c.seal(value, SecretCipher.associatedData(scope.tenantId(), scope.app(), key));
        }
        boolean created = store.put(scope, key, secret ? null : value, sealed, limits.maxKeys());
        cache.invalidateTenant(scope.tenantId());
        StoredValue row = store.find(scope, key).orElseThrow(() -> new IllegalStateException("the value just stored is gone"));
        return new Put(ConfigEntry.of(row), created);
    }

    public Optional<ConfigEntry> get(ConfigScope scope, String key) {
        requireKey(key);
        return store.find(scope, key).map(ConfigEntry::of);
    }

    public List<ConfigEntry> list(ConfigScope scope) {
        return store.list(scope).stream().map(ConfigEntry::of).toList();
    }

    public boolean delete(ConfigScope scope, String key) {
        requireKey(key);
        boolean deleted = store.delete(scope, key);
        if (deleted) {
            cache.invalidateTenant(scope.tenantId());
        }
        return deleted;
    }
}
