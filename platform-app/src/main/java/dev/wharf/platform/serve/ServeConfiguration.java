package dev.wharf.platform.serve;

import dev.wharf.platform.gateway.GatewayComponent;
import dev.wharf.platform.gateway.GatewayHandler;
import dev.wharf.platform.gateway.GatewayNettyCustomizer;
import dev.wharf.wasi.http.WasiHttpHost;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.server.WebHandler;

/**
 * The beans of developer mode: every path and method goes to the one served component. Only in the {@code serve}
 * profile, so the full application's component scan leaves it out.
 */
@Configuration(proxyBeanMethods = false)
@Profile(ServeApplication.PROFILE)
class ServeConfiguration {

    private static final Logger guestLog = LoggerFactory.getLogger("wharf.guest");

    record ServedFile(Path path) {}

    static WasiHttpHost.Config hostConfig() {
        return new WasiHttpHost.Config(List.of(), (stream, line) -> guestLog.info("[{}] {}",
                stream == WasiHttpHost.LogSink.Stream.STDOUT ? "stdout" : "stderr", line), 64 * 1024);
    }

    @Bean(destroyMethod = "close")
    GatewayHandler gatewayHandler() {
        return new GatewayHandler();
    }

    @Bean
    GatewayNettyCustomizer gatewayNettyCustomizer(Environment env) {
        return new GatewayNettyCustomizer(env);
    }

    @Bean
    HandlerMapping gatewayHandlerMapping(GatewayHandler handler, GatewayComponent component) {
        WebHandler serve = exchange -> handler.handle(exchange, component);
        return new SimpleUrlHandlerMapping(Map.of("/**", serve), Ordered.HIGHEST_PRECEDENCE);
    }

    @Bean
    ApplicationListener<WebServerInitializedEvent> serveAnnouncement(ServedFile file) {
        return event -> ServeApplication.announce(System.out, file.path(), event.getWebServer().getPort());
    }
}
