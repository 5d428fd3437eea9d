package dev.wharf.platform.api;

import java.io.ByteArrayOutputStream;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Request-body helpers: bounded reading and JSON parsing with clear errors. */
final class Bodies {
    private Bodies() {}

    /** Reads the body into memory, failing with 413 as soon as it passes {@code max} bytes. */
    static Mono<byte[]> readLimited(Flux<DataBuffer> body, long max) {
        return Mono.defer(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long[] total = {0};
            return body.<byte[]>handle((buffer, sink) -> {
                try {
                    int n = buffer.readableByteCount();
                    total[0] += n;
                    if (total[0] > max) {
                        sink.error(tooLarge(max));
                        return;
                    }
                    byte[] chunk = new byte[n];
                    buffer.read(chunk);
                    out.write(chunk, 0, n);
                } finally {
                    DataBufferUtils.release(buffer);
                }
            }).then(Mono.fromCallable(out::toByteArray));
        });
    }

    static ApiException tooLarge(long max) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE,
                "the component is larger than the limit of " + max + " bytes (wharf.components.max-size)");
    }

    /** Parses a JSON object body; 400 with the parser's reason when it is empty, not JSON or not an object. */
    static JsonNode object(JsonMapper json, byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("the request body is empty; a JSON object is expected");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object");
        }
        return node;
    }
}
