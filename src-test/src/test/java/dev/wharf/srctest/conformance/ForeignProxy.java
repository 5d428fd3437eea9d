package dev.wharf.srctest.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.opentest4j.TestAbortedException;

/**
 * A foreign {@code wasi:http/incoming-handler} served by developer mode, exactly as {@code ./wharf serve} serves it:
 * a GET, the same GET again (on a reset pooled instance, same answer) and a POST with a small body. When jco is
 * installed, {@code jco serve} gets the same GET and POST:
 * <ul>
 * <li>Wharf answers (no 5xx) and so does jco: status, headers (transport ones aside) and body must be equal;</li>
 * <li>Wharf fails (a 5xx, a trap) but jco answers: the test fails, Wharf is the suspect;</li>
 * <li>both fail (jco's server may even crash): the component is refused with both reasons, it is not runnable
 * as a proxy on its own (a test program that wants a peer, an early toolchain's broken output).</li>
 * </ul>
 * Without jco a 5xx fails the test.
 */
final class ForeignProxy {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ForeignProxy() {
    }

    static void serve(Path file, ForeignReport report) throws Exception {
        Observed get;
        Observed post;
        try (WharfServe wharf = WharfServe.start(file)) {
            get = get(wharf.base());
            Observed again = get(wharf.base());
            post = post(wharf.base());
            report.note("GET /", summary(get));
            report.note("POST /", summary(post));
            if (get.status() < 500) {
                assertThat(again.status()).as("a second GET /").isEqualTo(get.status());
                assertThat(again.body()).as("a second GET /").isEqualTo(get.body());
            }
        }
        boolean wharfFailed = get.status() >= 500 || post.status() >= 500;
        if (!JcoServe.available()) {
            report.note("jco", "not installed");
            assertThat(wharfFailed).as("a 5xx from Wharf: GET " + get.describe() + "\nPOST " + post.describe()).isFalse();
            return;
        }
        Observed referenceGet;
        Observed referencePost;
        try (JcoServe jco = JcoServe.start(file)) {
            try {
                jco.awaitListening(180);
                referenceGet = get(jco.base());
                referencePost = post(jco.base());
            } catch (Exception e) {
                String why = "jco serve failed: " + lastLine(jco.output());
                report.note("jco", why);
                if (wharfFailed) {
                    throw new TestAbortedException("fails on jco serve too (" + why + "); Wharf: " + summary(get));
                }
                return; // no reference to compare with, and Wharf answered
            }
        }
        report.note("jco GET /", summary(referenceGet));
        boolean jcoFailed = referenceGet.status() >= 500 || referencePost.status() >= 500;
        if (wharfFailed && jcoFailed) {
            throw new TestAbortedException("fails on jco serve too (" + summary(referenceGet) + "); Wharf: " + summary(get));
        }
        String both = "\nWharf: " + get.describe() + "\njco:   " + referenceGet.describe();
        assertThat(get.status()).as("GET / status" + both).isEqualTo(referenceGet.status());
        assertThat(get.headers()).as("GET / headers" + both).isEqualTo(referenceGet.headers());
        assertThat(get.body()).as("GET / body" + both).isEqualTo(referenceGet.body());
        assertThat(post.status()).as("POST / status").isEqualTo(referencePost.status());
        assertThat(post.body()).as("POST / body").isEqualTo(referencePost.body());
        report.note("jco", "same answers");
    }

    private static Observed get(URI base) throws Exception {
        return send(HttpRequest.newBuilder(base).GET());
    }

    private static Observed post(URI base) throws Exception {
        return send(HttpRequest.newBuilder(base).header("content-type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello from the foreign-component test", StandardCharsets.UTF_8)));
    }

    private static Observed send(HttpRequest.Builder request) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return Observed.of(response.statusCode(), response.headers().map(), response.body());
    }

    private static String summary(Observed o) {
        String body = new String(o.body(), 0, Math.min(o.body().length, 60), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return o.status() + " \"" + body + (o.body().length > 60 ? "...\"" : "\"");
    }

    private static String lastLine(String output) {
        return output.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("(no output)").trim();
    }
}
