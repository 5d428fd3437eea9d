package dev.wharf.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small client for the control plane API over real loopback HTTP. */
public final class ApiClient {
    public static final Path FIXTURES = Path.of("../src-test/fixtures");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A response: status, content type and body (parsed as JSON on demand). */
    public record Response(int status, String contentType, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String detail() {
            return json().get("detail").asString();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(FIXTURES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response send(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, token, null, null);
    }

    public Response postJson(String path, String token, String json) {
        return send("POST", path, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public Response putJson(String path, String token, String json) {
        return send("PUT", path, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public Response upload(String token, byte[] wasm) {
        return send("POST", "/v1/components", token, "application/wasm", wasm);
    }

    /** Creates a tenant with the admin token and returns its API key. */
    public String createTenant(String adminToken, String name) {
        Response r = postJson("/v1/tenants", adminToken, "{\"name\":\"" + name + "\"}");
        if (r.status() != 201) {
            throw new AssertionError("creating tenant " + name + ": " + r);
        }
        return r.json().get("apiKey").asString();
    }

    /** Waits (up to 60 s) until the component's background compilation has finished; returns its final state. */
    public JsonNode awaitCompiled(String token, String digest) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            Response r = get("/v1/components/" + digest, token);
            if (r.status() != 200) {
                throw new AssertionError("component " + digest + ": " + r);
            }
            String status = r.json().get("status").asString();
            if (!status.equals("compiling")) {
                return r.json();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("component " + digest + " still compiling after 60 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Uploads a fixture, waits until it compiled (it must get ready), and returns its digest. */
    public String uploadReady(String token, String fixture) {
        String digest = uploadFixture(token, fixture);
        JsonNode c = awaitCompiled(token, digest);
        if (!c.get("status").asString().equals("ready")) {
            throw new AssertionError("component " + fixture + " did not compile: " + c);
        }
        return digest;
    }

    /** Uploads a fixture and returns its digest. */
    public String uploadFixture(String token, String fixture) {
        Response r = upload(token, fixture(fixture));
        if (r.status() != 201 && r.status() != 200) {
            throw new AssertionError("uploading " + fixture + ": " + r);
        }
        return r.json().get("digest").asString();
    }
}
