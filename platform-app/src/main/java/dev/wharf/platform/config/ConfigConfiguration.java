package dev.wharf.platform.config;

import dev.wharf.platform.internal.db.DatabaseConfiguration.DatabaseServer;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The platform side of wasi:config: storage, the secrets cipher, the cache (the {@link
 * dev.wharf.wasi.config.ConfigSource} bean the wasi:config plugin reads), the cross-replica change listener, and
 * the API's service.
 */
@Configuration(proxyBeanMethods = false)
public class ConfigConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ConfigConfiguration.class);

    /** The secrets cipher, or none: then the API refuses secrets. (A bean of its own: Optional beans are special.) */
    public record Secrets(Optional<SecretCipher> cipher) {}

    @Bean
    Secrets configSecrets(Environment env) {
        Optional<SecretCipher> cipher = SecretCipher.fromSettings(env.getProperty("wharf.secrets.key"),
                env.getProperty("wharf.secrets.key-file"), env.getProperty("wharf.secrets.previous-keys"));
        if (cipher.isPresent()) {
            log.info("Config secrets are encrypted with key id {}{}", cipher.get().keyId(),
                    cipher.get().previousKeyIds().isEmpty() ? ""
                            : "; values sealed with previous key(s) " + cipher.get().previousKeyIds() + " still open");
        } else {
            log.info("No wharf.secrets.key or wharf.secrets.key-file set: the config API will refuse secrets");
        }
        return new Secrets(cipher);
    }

    @Bean
    ConfigStore configStore(JdbcClient jdbc, TransactionTemplate tx) {
        return new ConfigStore(jdbc, tx);
    }

    @Bean
    ConfigCache configCache(ConfigStore store, Secrets secrets, Environment env) {
        return new ConfigCache(store, secrets.cipher(), env.getProperty("wharf.config.cache.max-apps", Long.class, 10_000L),
                env.getProperty("wharf.config.cache.expire-after-write", Duration.class, Duration.ofMinutes(10)));
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    ConfigChangeListener configChangeListener(DatabaseServer database, ConfigCache cache) {
        return new ConfigChangeListener(database.url(), database.username(), database.password(), cache);
    }

    @Bean
    SecretsRotation secretsRotation(ConfigStore store, Secrets secrets) {
        return new SecretsRotation(store, secrets.cipher());
    }

    @Bean
    ConfigService configService(ConfigStore store, ConfigCache cache, Secrets secrets, Environment env) {
        return new ConfigService(store, cache, secrets.cipher(), ConfigLimits.from(env));
    }
}
