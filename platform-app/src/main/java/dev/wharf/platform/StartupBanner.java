package dev.wharf.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Prints where Wharf listens once each server is up (API and apps; management), so a newcomer knows what to curl. */
@Component
class StartupBanner implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        int port = event.getWebServer().getPort();
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            log.info("Management (health, metrics) on http://localhost:{}/actuator/health and "
                    + "http://localhost:{}/actuator/prometheus", port, port);
        } else {
            log.info("Wharf is listening on http://localhost:{}/ (API under /v1, apps under /t/{tenant}/{app}/)",
                    port);
        }
    }
}
