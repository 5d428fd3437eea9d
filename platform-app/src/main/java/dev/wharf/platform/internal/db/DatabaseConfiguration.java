package dev.wharf.platform.internal.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The platform's one {@link javax.sql.DataSource}: an external PostgreSQL when {@code wharf.database.url} (or
 * Spring's {@code spring.datasource.url}, e.g. {@code SPRING_DATASOURCE_URL}) is set, otherwise the embedded
 * PostgreSQL under {@code wharf.data-dir} (default {@code ./data}). Flyway migrates it at start-up.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /** Where the database is; closing it stops the embedded server (after the pool, which depends on it). */
    public interface DatabaseServer extends AutoCloseable {
        String url();

        String username();

        String password();

        @Override
        void close();
    }

    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(Environment env) {
        String url = first(env, "wharf.database.url", "spring.datasource.url");
        if (url != null) {
            String user = first(env, "wharf.database.username", "spring.datasource.username");
            String password = first(env, "wharf.database.password", "spring.datasource.password");
            log.info("Using the PostgreSQL database at {}", url);
            return new DatabaseServer() {
                public String url() {
                    return url;
                }

                public String username() {
                    return user;
                }

                public String password() {
                    return password;
                }

                public void close() {}
            };
        }
        Path dataDir = Path.of(env.getProperty("wharf.data-dir", "./data"));
        String user = env.getProperty("wharf.database.embedded.user", "nobody");
        log.info("No wharf.database.url set: starting the embedded PostgreSQL in {}",
                dataDir.toAbsolutePath().normalize().resolve("postgres"));
        EmbeddedPostgres pg = EmbeddedPostgres.start(dataDir, user);
        pg.createDatabaseIfMissing("wharf");
        return new DatabaseServer() {
            public String url() {
                return pg.jdbcUrl("wharf");
            }

            public String username() {
                return pg.username();
            }

            public String password() {
                return pg.password();
            }

            public void close() {
                pg.close();
            }
        };
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseServer server, Environment env) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("wharf");
        config.setJdbcUrl(server.url());
        config.setUsername(server.username());
        config.setPassword(server.password());
        config.setMaximumPoolSize(env.getProperty("wharf.database.pool-size", Integer.class, 10));
        return new HikariDataSource(config);
    }

    private static String first(Environment env, String... keys) {
        for (String key : keys) {
            String value = env.getProperty(key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
