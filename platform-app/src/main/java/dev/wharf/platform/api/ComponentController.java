package dev.wharf.platform.api;

import dev.wharf.platform.auth.Auth;
import dev.wharf.platform.store.Blocking;
import dev.wharf.platform.store.ComponentInfo;
import dev.wharf.platform.store.ComponentStore;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tenant routes for components: upload ({@code application/wasm}, or {@code multipart/form-data} with a
 * {@code file} part), list and look up. The body is read with a size limit, validated by the engine, and stored.
 */
@RestController
public class ComponentController {
    public static final String APPLICATION_WASM = "application/wasm";

    private final Auth auth;
    private final ComponentStore components;
    private final long maxSize;

    public ComponentController(Auth auth, ComponentStore components,
                               @Value("${wharf.components.max-size:64MB}") DataSize maxSize) {
        this.auth = auth;
        this.components = components;
        this.maxSize = maxSize.toBytes();
    }

    @PostMapping(path = "/v1/components", consumes = APPLICATION_WASM)
    public Mono<ResponseEntity<ComponentInfo>> upload(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            ServerHttpRequest request) {
        return auth.tenant(authorization).flatMap(tenant -> {
            long declared = request.getHeaders().getContentLength();
            if (declared > maxSize) {
                return Mono.error(Bodies.tooLarge(maxSize));
            }
            return Bodies.readLimited(request.getBody(), maxSize).flatMap(bytes -> store(tenant, bytes));
        });
    }

    @PostMapping(path = "/v1/components", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public Mono<ResponseEntity<ComponentInfo>> uploadMultipart(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody Flux<PartEvent> parts) {
        return auth.tenant(authorization).flatMap(tenant -> {
            boolean[] seen = {false};
            Flux<DataBuffer> file = parts.concatMap(event -> {
                if ("file".equals(event.name())) {
                    seen[0] = true;
                    return Flux.just(event.content());
                }
                DataBufferUtils.release(event.content());
                return Flux.empty();
            });
            return Bodies.readLimited(file, maxSize).flatMap(bytes -> {
                if (!seen[0]) {
                    return Mono.error(ApiException.badRequest(
                            "the multipart body has no 'file' part; send the component as a part named 'file'"));
                }
                return store(tenant, bytes);
            });
        });
    }

    private Mono<ResponseEntity<ComponentInfo>> store(dev.wharf.platform.store.Tenant tenant, byte[] bytes) {
        if (bytes.length == 0) {
            return Mono.error(ApiException.badRequest("the component is empty"));
        }
        return Blocking.call(() -> components.upload(tenant, bytes)).map(upload -> ResponseEntity
                .status(upload.created() ? HttpStatus.CREATED : HttpStatus.OK).body(upload.component()));
    }

    @GetMapping("/v1/components")
    public Mono<List<ComponentInfo>> list(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return auth.tenant(authorization).flatMap(tenant -> Blocking.call(() -> components.list(tenant)));
    }

    @GetMapping("/v1/components/{digest}")
    public Mono<ComponentInfo> get(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String digest) {
        return auth.tenant(authorization).flatMap(tenant -> Blocking.call(
                () -> components.find(tenant, digest).orElseThrow(() -> ApiException.notFound(
                        "no component " + digest + " for this tenant"))));
    }
}
