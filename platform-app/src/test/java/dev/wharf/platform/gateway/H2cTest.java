package dev.wharf.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.serve.ServeApplication;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

/**
 * {@code wharf.gateway.h2c=true}: HTTP/2 with prior knowledge and HTTP/1.1 on one port (echo-c, developer mode). The
 * guest sees the request as it does over HTTP/1.1, without Netty's {@code x-http2-*} conversion headers; a client
 * that tries the HTTP/1.1 upgrade with a body is answered over HTTP/1.1 instead of 413.
 */
@Timeout(120)
class H2cTest {
    private static ConfigurableApplicationContext wharf;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        wharf = ServeApplication.start(Path.of("..", "src-test", "fixtures", "echo-c.wasm").toString(), "--port=0",
                "--wharf.gateway.h2c=true");
        port = Integer.parseInt(wharf.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        wharf.close();
    }

    private record Answer(String version, HttpHeaders headers, String body) {}

    private static Answer h2(String method, String path, String body) {
        return HttpClient.create().protocol(HttpProtocol.H2C).port(port).host("127.0.0.1")
                .headers(h -> h.add("x-a", "1"))
                .request(io.netty.handler.codec.http.HttpMethod.valueOf(method)).uri(path)
                .send(body == null ? Mono.empty() : ByteBufFlux.fromString(Mono.just(body)))
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                        .map(text -> new Answer(response.version().text(), response.responseHeaders(), text)))
                .block(Duration.ofSeconds(30));
    }

    @Test
    void priorKnowledgeHttp2ReachesTheGuestLikeHttp11() {
        Answer get = h2("GET", "/over/h2?q=1", null);
        assertThat(get.version()).isEqualTo("HTTP/2.0");
        assertThat(get.headers().get("x-echo-method")).isEqualTo("GET");
        assertThat(get.headers().get("x-echo-path-with-query")).isEqualTo("/over/h2?q=1");
        assertThat(get.headers().getAll("x-echo-h-x-a")).containsExactly("1");
        assertThat(get.headers().names()).noneMatch(n -> n.toLowerCase().startsWith("x-echo-h-x-http2"));

        String body = "h2 body ".repeat(20_000);
        Answer post = h2("POST", "/echo", body);
        assertThat(post.version()).isEqualTo("HTTP/2.0");
        assertThat(post.body()).isEqualTo(body);
    }

    @Test
    void anUpgradeAttemptWithABodyIsServedOverHttp11() throws Exception {
        // the JDK client asks for h2c with an Upgrade header on its first request, body included
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_2)
                .build();
        String body = "x".repeat(200_000);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/up"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
        assertThat(r.body()).isEqualTo(body);
        assertThat(r.headers().map().keySet()).noneMatch(n -> n.startsWith("x-echo-h-upgrade") || n.startsWith("x-echo-h-http2"));
    }
}
