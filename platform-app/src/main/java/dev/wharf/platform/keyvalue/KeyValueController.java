package dev.wharf.platform.keyvalue;

import dev.wharf.platform.api.ApiException;
import dev.wharf.platform.auth.Auth;
import dev.wharf.platform.store.Blocking;
import dev.wharf.wasi.keyvalue.BucketAccess;
import dev.wharf.wasi.keyvalue.BucketId;
import dev.wharf.wasi.keyvalue.KeyPage;
import dev.wharf.wasi.keyvalue.KeyValueBackend;
import dev.wharf.wasi.keyvalue.KeyValueException;
import dev.wharf.wasi.keyvalue.KeyValueLimits;
import dev.wharf.wasi.keyvalue.PostgresBackend;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.core.env.Environment;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The tenant's buckets for its operators (tenant API key): read, write, delete and list the same data that the
 * tenant's components reach through wasi:keyvalue. Any valid bucket name of the caller's own tenant is reachable;
 * no path names another tenant. Uses its own {@link PostgresBackend} over the platform's {@link DataSource}, with
 * the same {@code wharf.keyvalue.*} limits as the plugin.
 */
@RestController
public class KeyValueController {
    /** One page of keys; {@code cursor} is null on the last page. */
    public record KeyList(String bucket, List<String> keys, String cursor) {}

    private final Auth auth;
    private final KeyValueBackend backend;

    public KeyValueController(Auth auth, DataSource dataSource, Environment env) {
        this.auth = auth;
        this.backend = new PostgresBackend(dataSource, KeyValueLimits.from(env::getProperty));
    }

    @GetMapping("/v1/kv/{bucket}")
    public Mono<KeyList> list(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String bucket, @RequestParam(required = false) String cursor) {
        return auth.tenant(authorization).flatMap(tenant -> {
            BucketId id = bucket(tenant.name(), bucket);
            OptionalLong after = cursor(cursor);
            return call(() -> {
                KeyPage page = backend.listKeys(id, after);
                return new KeyList(bucket, page.keys(),
                        page.next().isPresent() ? Long.toString(page.next().getAsLong()) : null);
            });
        });
    }

    @GetMapping("/v1/kv/{bucket}/{key}")
    public Mono<ResponseEntity<byte[]>> get(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String bucket, @PathVariable String key) {
        return auth.tenant(authorization).flatMap(tenant -> {
            BucketId id = bucket(tenant.name(), bucket);
            return call(() -> backend.get(id, key).orElseThrow(() -> ApiException.notFound(
                    "no key '" + key + "' in bucket '" + bucket + "'")));
        }).map(value -> ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(value));
    }

    @PutMapping("/v1/kv/{bucket}/{key}")
    public Mono<ResponseEntity<Void>> put(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String bucket, @PathVariable String key, @RequestBody(required = false) Flux<DataBuffer> body) {
        int max = backend.limits().maxValueBytes();
        return auth.tenant(authorization).flatMap(tenant -> {
            BucketId id = bucket(tenant.name(), bucket);
            Mono<byte[]> value = body == null ? Mono.just(new byte[0]) : DataBufferUtils.join(body, max)
                    .map(buffer -> {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        DataBufferUtils.release(buffer);
                        return bytes;
                    })
                    .defaultIfEmpty(new byte[0])
                    .onErrorMap(DataBufferLimitException.class, e -> new ApiException(HttpStatus.CONTENT_TOO_LARGE,
                            "the value is larger than " + max + " bytes"));
            return value.flatMap(bytes -> call(() -> {
                backend.set(id, key, bytes);
                return true;
            }));
        }).map(done -> ResponseEntity.noContent().<Void>build());
    }

    @DeleteMapping("/v1/kv/{bucket}/{key}")
    public Mono<ResponseEntity<Void>> delete(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String bucket, @PathVariable String key) {
        return auth.tenant(authorization).flatMap(tenant -> {
            BucketId id = bucket(tenant.name(), bucket);
            return call(() -> {
                backend.delete(id, key);
                return true;
            });
        }).map(done -> ResponseEntity.noContent().<Void>build());
    }

    private static BucketId bucket(String tenant, String bucket) {
        if (!BucketAccess.validName(bucket)) {
            throw ApiException.badRequest("'" + bucket + "' is not a bucket name: 1 to 63 of a-z, 0-9, '.', '_', '-', "
                    + "starting with a letter or digit");
        }
        return new BucketId(tenant, bucket);
    }

    private static OptionalLong cursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(cursor));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid cursor '" + cursor + "': pass back the cursor a listing returned");
        }
    }

    /** Runs a backend call off the event loop, turning its errors into problem responses. */
    private static <T> Mono<T> call(Callable<T> work) {
        return Blocking.call(work).onErrorMap(KeyValueException.class, KeyValueController::problem);
    }

    private static ApiException problem(KeyValueException e) {
        HttpStatus status = switch (e.reason()) {
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case VALUE_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case TENANT_FULL -> HttpStatus.INSUFFICIENT_STORAGE;
            case INVALID, KEY_TOO_LONG, NOT_A_COUNTER -> HttpStatus.BAD_REQUEST;
        };
        return new ApiException(status, e.getMessage());
    }
}
