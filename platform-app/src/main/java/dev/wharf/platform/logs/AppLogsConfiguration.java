package dev.wharf.platform.logs;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** App logs: the store and the background writer, with the {@code wharf.logs.*} settings. */
@Configuration(proxyBeanMethods = false)
public class AppLogsConfiguration {

    @Bean
    AppLogStore appLogStore(JdbcClient jdbc, JdbcTemplate template) {
        return new AppLogStore(jdbc, template);
    }

    @Bean(destroyMethod = "close")
    AppLogWriter appLogWriter(AppLogStore store, Environment env, MeterRegistry meters) {
        return new AppLogWriter(store, new AppLogWriter.Settings(
                env.getProperty("wharf.logs.buffer", Integer.class, 10_000),
                env.getProperty("wharf.logs.max-lines-per-app", Integer.class, 1_000),
                env.getProperty("wharf.logs.retention", Duration.class, Duration.ofDays(1)),
                env.getProperty("wharf.logs.max-line-chars", Integer.class, 8_192),
                env.getProperty("wharf.logs.flush-every", Duration.class, Duration.ofMillis(250))), meters);
    }
}
