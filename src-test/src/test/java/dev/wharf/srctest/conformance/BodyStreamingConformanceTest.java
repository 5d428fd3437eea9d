package dev.wharf.srctest.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bodies streamed through the guest both ways: read-body-c counts and sums the request body it reads in 64 KiB
 * steps, stream-response-c writes {@code x-size} bytes (byte i = i % 251) bounded by check-write. Wharf and
 * {@code jco serve} must agree on empty, tiny, odd-sized, chunked and multi-mebibyte bodies.
 */
@Timeout(120)
@ExtendWith(SharedServers.class)
class BodyStreamingConformanceTest {


    static Stream<Arguments> requestBodies() {
        return Stream.of(
                Probe.get("/"),
                Probe.of("POST", "/").body(new byte[0]),
                Probe.of("POST", "/").body(new byte[] {(byte) 0xff}),
                Probe.of("POST", "/").body(TestBodies.binary(65_535)),
                Probe.of("POST", "/").body(TestBodies.binary(65_537)),
                Probe.of("PUT", "/").body(TestBodies.binary(5 << 20)),
                // (no empty chunked body: the JDK client fails on an empty publisher of unknown length)
                Probe.of("POST", "/").chunkedBody(TestBodies.binary(1_000_003))).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestBodies")
    void readBodySeesTheSameBytes(Probe probe) throws Exception {
        ServedTwice.Answers answers = SharedServers.get("read-body-c").send(probe).agree();
        byte[] sent = probe.body() == null ? new byte[0] : probe.body();
        long sum = 0;
        for (byte b : sent) {
            sum += b & 0xff;
        }
        assertThat(new String(answers.wharf().body(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("bytes=" + sent.length + " sum=" + (sum & 0xffffffffL));
    }

    static Stream<Arguments> responseSizes() {
        return Stream.of(0, 1, 250, 251, 65_536, 65_537, 1 << 20, 8 << 20).map(Arguments::of);
    }

    @ParameterizedTest(name = "x-size: {0}")
    @MethodSource("responseSizes")
    void streamResponseSendsTheSameBytes(int size) throws Exception {
        ServedTwice.Answers answers = SharedServers.get("stream-response-c")
                .send(Probe.get("/stream?size=" + size).header("x-size", Integer.toString(size))).agree();
        byte[] body = answers.wharf().body();
        assertThat(body).hasSize(size);
        for (int i = 0; i < size; i++) {
            if (body[i] != (byte) (i % 251)) {
                throw new AssertionError("byte " + i + " is " + body[i]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headRequests")
    void headAnswersWithoutABody(String fixture) throws Exception {
        ServedTwice.Answers answers = SharedServers.get(fixture).send(Probe.of("HEAD", "/")).agree();
        assertThat(answers.wharf().body()).isEmpty();
    }

    static Stream<Arguments> headRequests() {
        return Stream.of("read-body-c", "stream-response-c").map(Arguments::of);
    }
}
