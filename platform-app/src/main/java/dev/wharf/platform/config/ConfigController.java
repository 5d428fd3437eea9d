package dev.wharf.platform.config;

import dev.wharf.platform.api.ApiException;
import dev.wharf.platform.auth.Auth;
import dev.wharf.platform.store.Blocking;
import dev.wharf.platform.store.Tenant;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
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
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tenant routes for wasi:config values, tenant-wide ({@code /v1/config/{key}}) and per app
 * ({@code /v1/apps/{app}/config/{key}}). Bodies are {@code {"value": "...", "secret": false}}; answers show a
 * secret's value masked, never in clear. Error details never quote a value.
 */
@RestController
public class ConfigController {
    private static final Pattern APP_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private final Auth auth;
    private final ConfigService config;
    private final JsonMapper json;

    public ConfigController(Auth auth, ConfigService config, JsonMapper json) {
        this.auth = auth;
        this.config = config;
        this.json = json;
    }

    @PutMapping(path = "/v1/config/{key}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<ConfigEntry>> putTenant(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String key, @RequestBody(required = false) byte[] body) {
        return put(authorization, t -> ConfigScope.tenant(t.id()), key, body);
    }

    @GetMapping("/v1/config")
    public Mono<List<ConfigEntry>> listTenant(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return auth.tenant(authorization).flatMap(t -> Blocking.call(() -> config.list(ConfigScope.tenant(t.id()))));
    }

    @GetMapping("/v1/config/{key}")
    public Mono<ConfigEntry> getTenant(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String key) {
        return get(authorization, t -> ConfigScope.tenant(t.id()), key);
    }

    @DeleteMapping("/v1/config/{key}")
    public Mono<ResponseEntity<Void>> deleteTenant(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String key) {
        return delete(authorization, t -> ConfigScope.tenant(t.id()), key);
    }

    @PutMapping(path = "/v1/apps/{app}/config/{key}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<ConfigEntry>> putApp(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String app, @PathVariable String key, @RequestBody(required = false) byte[] body) {
        return put(authorization, t -> appScope(t, app), key, body);
    }

    @GetMapping("/v1/apps/{app}/config")
    public Mono<List<ConfigEntry>> listApp(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String app) {
        return auth.tenant(authorization).flatMap(t -> {
            ConfigScope scope = appScope(t, app);
            return Blocking.call(() -> config.list(scope));
        });
    }

    @GetMapping("/v1/apps/{app}/config/{key}")
    public Mono<ConfigEntry> getApp(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String app, @PathVariable String key) {
        return get(authorization, t -> appScope(t, app), key);
    }

    @DeleteMapping("/v1/apps/{app}/config/{key}")
    public Mono<ResponseEntity<Void>> deleteApp(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String app, @PathVariable String key) {
        return delete(authorization, t -> appScope(t, app), key);
    }

    private Mono<ResponseEntity<ConfigEntry>> put(String authorization, Function<Tenant, ConfigScope> scopeOf,
            String key, byte[] body) {
        return auth.tenant(authorization).flatMap(t -> {
            ConfigScope scope = scopeOf.apply(t);
            config.requireKey(key);
            JsonNode request = object(body);
            String value = value(request);
            boolean secret = secret(request);
            return Blocking.call(() -> config.put(scope, key, value, secret));
        }).map(p -> ResponseEntity.status(p.created() ? HttpStatus.CREATED : HttpStatus.OK).body(p.entry()));
    }

    private Mono<ConfigEntry> get(String authorization, Function<Tenant, ConfigScope> scopeOf, String key) {
        return auth.tenant(authorization).flatMap(t -> {
            ConfigScope scope = scopeOf.apply(t);
            config.requireKey(key);
            return Blocking.call(() -> config.get(scope, key).orElseThrow(() -> noKey(scope, key)));
        });
    }

    private Mono<ResponseEntity<Void>> delete(String authorization, Function<Tenant, ConfigScope> scopeOf, String key) {
        return auth.tenant(authorization).flatMap(t -> {
            ConfigScope scope = scopeOf.apply(t);
            config.requireKey(key);
            return Blocking.call(() -> config.delete(scope, key)).map(deleted -> {
                if (!deleted) {
                    throw noKey(scope, key);
                }
                return ResponseEntity.noContent().<Void>build();
            });
        });
    }

    private static ConfigScope appScope(Tenant tenant, String app) {
        if (app == null || !APP_NAME.matcher(app).matches()) {
            throw ApiException.badRequest("invalid app name '" + app
                    + "': use 1 to 63 characters, lowercase letters, digits and '-', starting with a letter");
        }
        return ConfigScope.app(tenant.id(), app);
    }

    private static ApiException noKey(ConfigScope scope, String key) {
        return ApiException.notFound("no config key '" + key + "' "
                + (scope.tenantWide() ? "at the tenant level" : "for app '" + scope.app() + "'"));
    }

    /** The body as a JSON object; a parse error names the position only, since the text may hold a secret. */
    private JsonNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("the request body is empty; expected {\"value\": \"...\", \"secret\": false}");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            var where = e.getLocation();
            throw ApiException.badRequest("the request body is not valid JSON"
                    + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"));
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object: {\"value\": \"...\", \"secret\": false}");
        }
        for (String field : node.propertyNames()) {
            if (!field.equals("value") && !field.equals("secret")) {
                throw ApiException.badRequest("unknown field '" + field + "'; allowed: value, secret");
            }
        }
        return node;
    }

    private static String value(JsonNode request) {
        JsonNode value = request.get("value");
        if (value == null || value.isNull()) {
            throw ApiException.badRequest("field 'value' is required");
        }
        if (!value.isString()) {
            throw ApiException.badRequest("field 'value' must be a string (configuration values are strings)");
        }
        return value.stringValue();
    }

    private static boolean secret(JsonNode request) {
        JsonNode secret = request.get("secret");
        if (secret == null || secret.isNull()) {
            return false;
        }
        if (!secret.isBoolean()) {
            throw ApiException.badRequest("field 'secret' must be true or false");
        }
        return secret.booleanValue();
    }
}
