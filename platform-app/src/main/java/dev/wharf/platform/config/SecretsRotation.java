package dev.wharf.platform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-seals every secret under the current key: the second half of a key rotation, once every replica runs with the
 * new key as {@code wharf.secrets.key} and the old one in {@code wharf.secrets.previous-keys} (docs/config.md,
 * "Rotating the key"). Each row is opened with the key that sealed it and sealed again with a fresh nonce and the
 * same associated data; the update only lands if the row is unchanged, so a concurrent PUT wins. Rows that no
 * configured key opens are reported and left alone. Idempotent; safe on several replicas at once.
 */
public class SecretsRotation {
    private static final Logger log = LoggerFactory.getLogger(SecretsRotation.class);
    private static final int PAGE = 200;

    /** A secret that could not be re-sealed, and why (never its value). */
    public record Unreadable(String tenant, String app, String key, String keyId, String reason) {}

    /**
     * @param currentKey the id of the key that seals
     * @param previousKeys the ids of the keys that only open
     * @param secretsByKey how many secrets each key id sealed, after this call
     * @param resealed secrets this call re-sealed (0 for a status)
     */
    public record Report(String currentKey, List<String> previousKeys, Map<String, Long> secretsByKey, int resealed,
            List<Unreadable> unreadable) {}

    private final ConfigStore store;
    private final Optional<SecretCipher> cipher;

    public SecretsRotation(ConfigStore store, Optional<SecretCipher> cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    public boolean configured() {
        return cipher.isPresent();
    }

    /** Where the secrets stand: how many each key sealed. */
    public Report status() {
        SecretCipher c = cipher.orElseThrow();
        return new Report(c.keyId(), c.previousKeyIds(), store.secretsByKeyId(), 0, List.of());
    }

    /** Re-seals every secret not sealed with the current key. */
    public Report rotate() {
        SecretCipher c = cipher.orElseThrow();
        int resealed = 0;
        var unreadable = new ArrayList<Unreadable>();
        ConfigStore.SecretRow after = null;
        List<ConfigStore.SecretRow> page;
        do {
            page = store.secretsNotSealedWith(c.keyId(), after, PAGE);
            for (ConfigStore.SecretRow row : page) {
                byte[] associatedData = SecretCipher.associatedData(row.tenantId(), row.app(), row.key());
                try {
                    String value = c.open(row.sealed(), associatedData);
                    if (store.reseal(row, c.seal(value, associatedData))) {
                        resealed++;
                    }
                } catch (SecretCipher.UnsealException e) {
                    unreadable.add(new Unreadable(row.tenant(), row.app(), row.key(), row.sealed().keyId(), e.getMessage()));
                }
            }
            after = page.isEmpty() ? after : page.get(page.size() - 1);
        } while (page.size() == PAGE);
        log.info("Secrets key rotation: {} secret(s) re-sealed with key {}, {} could not be opened", resealed, c.keyId(),
                unreadable.size());
        return new Report(c.keyId(), c.previousKeyIds(), store.secretsByKeyId(), resealed, List.copyOf(unreadable));
    }
}
