package dev.wharf.srctest.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;

/**
 * The floor under Wharf's gateway for {@code bench/load.sh}: the same Spring Boot WebFlux stack as developer mode
 * (same auto-configuration, same {@code serve} profile settings, a {@link WebHandler} on {@code /**} like the one
 * that hands requests to the guest) answering every request with fixed bytes, and no component. Wharf's figure
 * divided by this one is what running the component costs.
 *
 * <p>{@code --bench.body=text} (a trailing newline is added), {@code --bench.content-type=text/plain},
 * {@code --server.port=N}. Not a test: the load script starts it from the exec jar with {@code loader.path}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayEndpointAutoConfiguration"})
public class PlainWebFluxServer {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(PlainWebFluxServer.class);
        app.setAdditionalProfiles("serve"); // developer mode's settings: loopback, no actuator endpoints
        app.run(args);
    }

    @Bean
    HandlerMapping fixedAnswer(org.springframework.core.env.Environment env) {
        byte[] body = (env.getProperty("bench.body", "hello from c") + "\n").getBytes(StandardCharsets.UTF_8);
        MediaType type = MediaType.parseMediaType(env.getProperty("bench.content-type", "text/plain"));
        WebHandler answer = exchange -> {
            ServerHttpResponse response = exchange.getResponse();
            response.getHeaders().setContentType(type);
            return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
        };
        return new SimpleUrlHandlerMapping(Map.of("/**", answer), Ordered.HIGHEST_PRECEDENCE);
    }
}
