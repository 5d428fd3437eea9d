package dev.wharf.srctest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.WharfApplication;
import dev.wharf.platform.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * What a SIGTERM does (the JVM's shutdown hook closes the context): the server stops taking new work but lets a
 * request that is already running finish within wharf.shutdown-grace-period.
 */
class GracefulShutdownTest {

    static final CountDownLatch STARTED = new CountDownLatch(1);

    /** A slow request, standing in for a long guest call. */
    @RestController
    static class SlowEndpoint {
        @GetMapping("/test/slow")
        Mono<String> slow() {
            STARTED.countDown();
            return Mono.delay(Duration.ofMillis(2000)).thenReturn("done");
        }
    }

    @Test
    void inFlightRequestsCompleteBeforeTheServerStops() throws Exception {
        // Command-line arguments (builder properties would be defaults, below application.yaml).
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0", "--wharf.admin-token=shutdown-test",
                "--wharf.shutdown-grace-period=20s"));
        TestDatabase.register((name, value) -> args.add("--" + name + "=" + value.get()));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WharfApplication.class, SlowEndpoint.class)
                .run(args.toArray(String[]::new));
        String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        assertThat(context.getEnvironment().getProperty("spring.lifecycle.timeout-per-shutdown-phase")).isEqualTo("20s");

        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/test/slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(STARTED.await(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        context.close();
        long closedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        HttpResponse<String> response = inFlight.get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("done");
        // close() waited for the request (about 2 s), but not for the whole grace period.
        assertThat(closedAfterMs).isBetween(500L, 15_000L);
    }
}
