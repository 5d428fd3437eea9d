package dev.wharf.srctest.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Components whose answer does not depend on the request (hello-c, hello-js, stdio-c, trailers-c, hello-rust,
 * hello-rust-p2): Wharf and
 * {@code jco serve} must give the same status, headers and body whatever the method, path, query, headers and
 * body. hello-c and hello-js drop the request without reading its body.
 *
 * <p>Not compared: the response trailers of trailers-c (neither server writes them today: Wharf's gateway does not
 * yet, see docs/architecture.md, and jco drops them; the JDK client could not see them anyway).
 */
@Timeout(120)
@ExtendWith(SharedServers.class)
class FixedAnswerConformanceTest {


    static Stream<Arguments> probes() {
        List<Probe> probes = List.of(
                Probe.get("/"),
                Probe.get("/a/b/c?x=1&x=2&y=%C3%A9"),
                Probe.get("/%20space%2Fslash?empty=&flag"),
                Probe.of("HEAD", "/head"),
                Probe.of("DELETE", "/item/7"),
                Probe.of("OPTIONS", "/"),
                Probe.of("POST", "/form").header("content-type", "text/plain").body("unread body".getBytes(StandardCharsets.UTF_8)),
                Probe.of("PUT", "/big").body(TestBodies.binary(1 << 20)),
                Probe.of("PATCH", "/chunked").chunkedBody(TestBodies.binary(100_000)),
                Probe.of("POST", "/empty").body(new byte[0]),
                Probe.get("/headers").header("x-one", "1").header("x-two", "a, b").header("accept", "*/*"));
        return Stream.of("hello-c", "hello-js", "stdio-c", "trailers-c", "hello-rust", "hello-rust-p2")
                .flatMap(f -> probes.stream().map(p -> Arguments.of(f, p)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("probes")
    void sameAnswer(String fixture, Probe probe) throws Exception {
        ServedTwice.Answers answers = SharedServers.get(fixture).send(probe).agree();
        assertThat(answers.wharf().status()).isEqualTo(200);
        if (probe.method().equals("HEAD")) {
            assertThat(answers.wharf().body()).isEmpty();
        } else {
            assertThat(answers.wharf().body()).isNotEmpty();
        }
    }
}
