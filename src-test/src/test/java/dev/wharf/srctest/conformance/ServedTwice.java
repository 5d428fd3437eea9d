package dev.wharf.srctest.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.function.UnaryOperator;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

/**
 * One component served by both Wharf's developer mode and {@code jco serve}: sends a {@link Probe} to each and
 * compares what came back. HTTP/1.1 only (the JDK client would otherwise try an h2c upgrade, whose headers the
 * echo fixtures would reflect), loopback only.
 */
final class ServedTwice implements AutoCloseable {

    private final String fixture;
    private final WharfServe wharf;
    private final JcoServe jco;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ServedTwice(String fixture, WharfServe wharf, JcoServe jco) {
        this.fixture = fixture;
        this.wharf = wharf;
        this.jco = jco;
    }

    /**
     * Starts every fixture on both servers: the jco processes first (they transpile in parallel, in other
     * processes), then Wharf in this JVM, then waits for jco.
     */
    static Map<String, ServedTwice> start(Map<String, Path> fixtures) throws Exception {
        Map<String, JcoServe> jcos = new java.util.LinkedHashMap<>();
        Map<String, ServedTwice> started = new java.util.LinkedHashMap<>();
        try {
            for (var f : fixtures.entrySet()) {
                jcos.put(f.getKey(), JcoServe.start(f.getValue()));
            }
            for (var f : fixtures.entrySet()) {
                WharfServe wharf = WharfServe.start(f.getValue());
                started.put(f.getKey(), new ServedTwice(f.getKey(), wharf, jcos.remove(f.getKey())));
            }
            for (ServedTwice s : started.values()) {
                s.jco.awaitListening(60);
            }
            return started;
        } catch (Exception | Error e) {
            for (JcoServe j : jcos.values()) {
                j.close();
            }
            for (ServedTwice s : started.values()) {
                s.close();
            }
            throw e;
        }
    }

    /** The answers of both servers to the same request. */
    record Answers(Probe probe, Observed wharf, Observed jco) {

        Answers map(UnaryOperator<Observed> normalize) {
            return new Answers(probe, normalize.apply(wharf), normalize.apply(jco));
        }

        /** Same status, same headers (transport ones aside), same body bytes. */
        Answers agree() {
            String both = "\nWharf: " + wharf.describe() + "\njco:   " + jco.describe();
            assertThat(wharf.status()).as(probe + ": status" + both).isEqualTo(jco.status());
            assertThat(wharf.headers()).as(probe + ": headers" + both).isEqualTo(jco.headers());
            assertThat(wharf.body()).as(probe + ": body" + both).isEqualTo(jco.body());
            return this;
        }
    }

    Answers send(Probe probe) throws Exception {
        Observed fromWharf = send(wharf.base(), probe, "Wharf");
        Observed fromJco = send(jco.base(), probe, "jco");
        return new Answers(new Probe(fixture + ": " + probe.name(), probe.method(), probe.pathWithQuery(),
                probe.headers(), probe.body(), probe.chunked()), fromWharf, fromJco);
    }

    Observed sendToWharf(Probe probe) throws Exception {
        return send(wharf.base(), probe, "Wharf");
    }

    private Observed send(URI base, Probe probe, String who) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString() + probe.pathWithQuery().substring(1)))
                .timeout(Duration.ofSeconds(30))
                .method(probe.method(), publisher(probe));
        for (Map.Entry<String, String> h : probe.headers()) {
            request.header(h.getKey(), h.getValue());
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return Observed.of(response.statusCode(), response.headers().map(), response.body());
        } catch (java.io.IOException e) {
            String log = who.equals("jco") ? "\njco output:\n" + jco.output() : "";
            throw new AssertionError(fixture + ": " + probe + ": " + who + " did not answer: " + e + log, e);
        }
    }

    private static HttpRequest.BodyPublisher publisher(Probe probe) {
        if (probe.body() == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        if (!probe.chunked()) {
            return HttpRequest.BodyPublishers.ofByteArray(probe.body());
        }
        // No length up front: the JDK client then sends it chunked, 16 KiB at a time.
        List<ByteBuffer> parts = new ArrayList<>();
        for (int i = 0; i < probe.body().length; i += 16384) {
            parts.add(ByteBuffer.wrap(probe.body(), i, Math.min(16384, probe.body().length - i)).slice());
        }
        Flow.Publisher<ByteBuffer> source = JdkFlowAdapter.publisherToFlowPublisher(
                Flux.fromIterable(parts).map(ByteBuffer::duplicate));
        return HttpRequest.BodyPublishers.fromPublisher(source);
    }

    URI wharfBase() {
        return wharf.base();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            wharf.close();
        } finally {
            jco.close();
        }
    }
}
