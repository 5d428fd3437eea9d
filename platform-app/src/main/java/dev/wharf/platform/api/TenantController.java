package dev.wharf.platform.api;

import dev.wharf.platform.apps.AppRegistry;
import dev.wharf.platform.auth.Auth;
import dev.wharf.platform.store.Blocking;
import dev.wharf.platform.store.TenantStore;
import dev.wharf.platform.store.TenantStore.TenantInfo;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Admin routes: tenants and their API keys. */
@RestController
public class TenantController {
    private final Auth auth;
    private final TenantStore tenants;
    private final JsonMapper json;
    private final AppRegistry registry;

    public TenantController(Auth auth, TenantStore tenants, JsonMapper json, AppRegistry registry) {
        this.auth = auth;
        this.tenants = tenants;
        this.json = json;
        this.registry = registry;
    }

    @PostMapping(path = "/v1/tenants", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<TenantStore.CreatedTenant>> create(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) byte[] body) {
        return auth.admin(authorization).then(Mono.defer(() -> {
            JsonNode request = Bodies.object(json, body);
            Json.onlyFields(request, "name");
            String name = Names.require("tenant", Json.requiredString(request, "name"));
            return Blocking.call(() -> tenants.create(name));
        })).map(created -> ResponseEntity.status(HttpStatus.CREATED).body(created));
    }

    @GetMapping("/v1/tenants")
    public Mono<List<TenantInfo>> list(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return auth.admin(authorization).then(Blocking.call(tenants::list));
    }

    @DeleteMapping("/v1/tenants/{name}")
    public Mono<ResponseEntity<Void>> delete(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String name) {
        return auth.admin(authorization).then(Blocking.call(() -> {
            boolean deleted = tenants.delete(name);
            registry.invalidateTenant(name);
            return deleted;
        })).map(deleted -> {
            if (!deleted) {
                throw ApiException.notFound("no tenant named '" + name + "'");
            }
            return ResponseEntity.noContent().<Void>build();
        });
    }

    @PostMapping("/v1/tenants/{name}/keys")
    public Mono<ResponseEntity<TenantStore.CreatedTenant>> rotateKey(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String name) {
        return auth.admin(authorization).then(Blocking.call(() -> tenants.rotateKey(name))).map(rotated ->
                ResponseEntity.status(HttpStatus.CREATED).body(rotated.orElseThrow(
                        () -> ApiException.notFound("no tenant named '" + name + "'"))));
    }
}
