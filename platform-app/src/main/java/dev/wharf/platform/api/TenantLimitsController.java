package dev.wharf.platform.api;

import dev.wharf.platform.auth.Auth;
import dev.wharf.platform.keyvalue.KeyValueQuotas;
import dev.wharf.platform.store.Blocking;
import dev.wharf.platform.store.TenantStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Admin routes for a tenant's own limits, over the platform-wide defaults: today its wasi:keyvalue storage quota.
 * Body and answer: {@code {"keyvalue": {"maxBytes": n | null, ...}}}; null goes back to the platform's default.
 */
@RestController
public class TenantLimitsController {
    /** What a tenant is held to. */
    public record TenantLimits(KeyValueQuotas.Quota keyvalue) {}

    private final Auth auth;
    private final TenantStore tenants;
    private final KeyValueQuotas quotas;
    private final JsonMapper json;

    public TenantLimitsController(Auth auth, TenantStore tenants, KeyValueQuotas quotas, JsonMapper json) {
        this.auth = auth;
        this.tenants = tenants;
        this.quotas = quotas;
        this.json = json;
    }

    @GetMapping("/v1/tenants/{name}/limits")
    public Mono<TenantLimits> get(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String name) {
        return auth.admin(authorization).then(Blocking.call(() -> {
            requireTenant(name);
            return new TenantLimits(quotas.of(name));
        }));
    }

    @PutMapping(path = "/v1/tenants/{name}/limits", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<TenantLimits> put(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String name, @RequestBody(required = false) byte[] body) {
        return auth.admin(authorization).then(Mono.defer(() -> {
            JsonNode request = Bodies.object(json, body);
            Json.onlyFields(request, "keyvalue");
            JsonNode keyvalue = request.get("keyvalue");
            if (keyvalue == null || !keyvalue.isObject()) {
                throw ApiException.badRequest("field 'keyvalue' must be an object, e.g. {\"maxBytes\": 1073741824}");
            }
            Json.onlyFields(keyvalue, "maxBytes");
            if (!keyvalue.has("maxBytes")) {
                throw ApiException.badRequest("field 'keyvalue.maxBytes' is required (null for the platform's default)");
            }
            JsonNode max = keyvalue.get("maxBytes");
            Long maxBytes;
            if (max.isNull()) {
                maxBytes = null;
            } else if (max.isIntegralNumber() && max.canConvertToLong() && max.longValue() >= 0) {
                maxBytes = max.longValue();
            } else {
                throw ApiException.badRequest("field 'keyvalue.maxBytes' must be a whole number of bytes >= 0, or null");
            }
            return Blocking.call(() -> {
                requireTenant(name);
                return new TenantLimits(quotas.set(name, maxBytes));
            });
        }));
    }

    private void requireTenant(String name) {
        if (!tenants.exists(name)) {
            throw ApiException.notFound("no tenant named '" + name + "'");
        }
    }
}
