package dev.wharf.srctest.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * echo-c, echo-js, echo-rust and echo-rust-p2 reflect what the guest sees of the request (method, path with query, every header as
 * {@code x-echo-h-<name>}, the body streamed back): Wharf and {@code jco serve} must hand the guest the same request.
 *
 * <p>Compared as they are: like wasmtime and jco, Wharf leaves the names a guest may not set ({@code host},
 * {@code connection}, {@code keep-alive}, {@code transfer-encoding} and the other hop-by-hop headers) out of the
 * incoming request's headers; the request's authority is {@code incoming-request.authority}. jco leaves
 * {@code transfer-encoding} in, so that one header is dropped from jco's answers before comparing.
 *
 * <p>Left out, because jco is the one that is wrong (spec references in each case):
 * <ul>
 * <li>extension methods such as {@code PROPFIND}: jco hands the guest {@code other("propfind")}, lowercased, but
 * methods are case-sensitive (RFC 9110 9.1), and wasi:http's {@code method.other} carries the method as sent;</li>
 * <li>a lowercase {@code patch}: Node's parser rejects it with 400 before the guest runs (it is a valid extension
 * method token, distinct from {@code PATCH});</li>
 * <li>repeated request headers to echo-c and the echo-rust builds: jco's guest sees only the last value, wasi:http {@code fields.entries}
 * must list every value;</li>
 * <li>echo-js with no request body (GET, HEAD): preview2-shim crashes its server process
 * ({@code Cannot read properties of undefined (reading '#outputStreamId')}).</li>
 * </ul>
 */
@Timeout(120)
@ExtendWith(SharedServers.class)
class EchoConformanceTest {


    static Stream<Arguments> probes() {
        byte[] text = "hello, echo\n".getBytes(StandardCharsets.UTF_8);
        List<Probe> both = List.of(
                Probe.of("POST", "/echo/%20x?q=1&r=%C3%A9&empty=&flag").header("x-a", "1").header("x-b", "two")
                        .header("content-type", "text/plain; charset=utf-8").body(text),
                Probe.of("PUT", "/binary").header("content-type", "application/octet-stream").body(TestBodies.binary(300_000)),
                Probe.of("POST", "/large").body(TestBodies.binary(3 << 20)),
                Probe.of("POST", "/chunked?x=y").chunkedBody(TestBodies.binary(200_000)),
                Probe.of("POST", "/one-byte").body(new byte[] {0}),
                Probe.of("DELETE", "/item/7?force=true").body(text),
                Probe.of("OPTIONS", "/options").body(text),
                Probe.of("PATCH", "/patch").body(text),
                Probe.of("POST", "/values").header("x-list", "a, b,c").header("x-quoted", "\"q\" ; p=1")
                        .header("x-tab", "a\tb").header("accept-language", "fr-CH, fr;q=0.9").body(text));
        List<Probe> notJs = List.of(
                Probe.get("/"),
                Probe.get("/nested/path/?a=1&a=2&b"),
                Probe.of("HEAD", "/head"),
                Probe.of("POST", "/empty").body(new byte[0]),
                Probe.get("/percent%2F%25?%26=%3D"));
        List<Arguments> all = new ArrayList<>();
        for (String fixture : List.of("echo-c", "echo-js", "echo-rust", "echo-rust-p2")) {
            both.forEach(p -> all.add(Arguments.of(fixture, p)));
        }
        notJs.forEach(p -> all.add(Arguments.of("echo-c", p)));
        notJs.forEach(p -> all.add(Arguments.of("echo-rust", p)));
        notJs.forEach(p -> all.add(Arguments.of("echo-rust-p2", p)));
        return all.stream();
    }

    /** jco hands the guest a chunked request's {@code transfer-encoding}; Wharf and wasmtime leave it out. */
    private static Observed withoutTransferEncoding(Observed o) {
        return o.withHeaders(h -> {
            h.remove("x-echo-h-transfer-encoding");
            return h;
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("probes")
    void guestSeesTheSameRequest(String fixture, Probe probe) throws Exception {
        ServedTwice.Answers answers = SharedServers.get(fixture).send(probe);
        assertThat(answers.wharf().headers()).as("host is the authority, not a header")
                .doesNotContainKey("x-echo-h-host").doesNotContainKey("x-echo-h-transfer-encoding");
        answers.map(EchoConformanceTest::withoutTransferEncoding).agree();
        assertThat(answers.wharf().status()).isEqualTo(200);
        assertThat(answers.wharf().headers().get("x-echo-method")).containsExactly(probe.method());
        byte[] expected = probe.body() == null || probe.method().equals("HEAD") ? new byte[0] : probe.body();
        assertThat(answers.wharf().body()).isEqualTo(expected);
    }

    @Test
    void repeatedHeadersReachTheGuestInOrder() throws Exception {
        // echo-js only: jco hands echo-c the last value alone (see the class comment). The JS Headers class joins
        // repeated values with ", " (Fetch), on both servers.
        Probe probe = Probe.of("POST", "/repeat").header("x-a", "1").header("x-b", "2").header("x-a", "3")
                .body("x".getBytes(StandardCharsets.UTF_8));
        ServedTwice.Answers answers = SharedServers.get("echo-js").send(probe).agree();
        assertThat(answers.wharf().headers().get("x-echo-h-x-a")).containsExactly("1, 3");
    }

    @Test
    void anEmptyHeaderValueIsEchoedByBoth() throws Exception {
        Probe probe = Probe.get("/empty").header("x-empty", "").header("x-full", "v");
        ServedTwice.Answers answers = SharedServers.get("echo-c").send(probe).agree();
        assertThat(answers.wharf().headers().get("x-echo-h-x-empty")).containsExactly("");
    }

    @Test
    void repeatedHeadersReachTheGuestAsSeparateEntries() throws Exception {
        // Wharf alone (jco is wrong here, see the class comment): every value of a repeated header, in order.
        Observed wharf = SharedServers.get("echo-c").sendToWharf(Probe.get("/repeat")
                .header("x-a", "1").header("x-b", "2").header("x-a", "3"));
        assertThat(wharf.headers().get("x-echo-h-x-a")).containsExactly("1", "3");
        assertThat(wharf.headers().get("x-echo-h-x-b")).containsExactly("2");
    }

    @Test
    void headerNamesThatDifferInCaseAreOneFieldWithEachValueOnce() throws Exception {
        // Field names are case-insensitive (RFC 9110 5.1), so X-A: 1 and x-a: 2 are one field with the values 1, 2;
        // wasi:http fields.entries lists each value once.
        // Sent on a raw socket: the JDK client would merge the two spellings itself.
        Map<String, List<String>> wharf = RawHttp.headers(SharedServers.get("echo-c").wharfBase(), "/case",
                List.of("X-A: 1", "x-a: 2"));
        assertThat(wharf.get("x-echo-h-x-a")).containsExactly("1", "2");
    }

    @Test
    void extensionMethodsKeepTheirCase() throws Exception {
        // Wharf alone (jco lowercases them, see the class comment).
        ServedTwice echo = SharedServers.get("echo-c");
        assertThat(echo.sendToWharf(Probe.of("PROPFIND", "/dav")).headers().get("x-echo-method")).containsExactly("PROPFIND");
        assertThat(echo.sendToWharf(Probe.of("patch", "/lower")).headers().get("x-echo-method")).containsExactly("patch");
    }
}
