package dev.wharf.platform.api;

import dev.wharf.platform.auth.Auth;
import dev.wharf.platform.store.AppStore;
import dev.wharf.platform.store.AppStore.AppInfo;
import dev.wharf.platform.store.AppStore.AppSpec;
import dev.wharf.platform.store.AppStore.Limits;
import dev.wharf.platform.store.AppStore.Revision;
import dev.wharf.platform.store.Blocking;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tenant routes for apps: deploy (each PUT is a new revision), list, inspect, roll back, delete. */
@RestController
public class AppController {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final int MAX_ENV_ENTRIES = 256;
    private static final int MAX_ENV_VALUE = 32 * 1024;

    private final Auth auth;
    private final AppStore apps;
    private final JsonMapper json;
    private final Limits defaults;
    private final Limits maxima;

    public AppController(Auth auth, AppStore apps, JsonMapper json, Environment env) {
        this.auth = auth;
        this.apps = apps;
        this.json = json;
        this.defaults = new Limits(env.getProperty("wharf.limits.default-memory-mib", Integer.class, 128),
                env.getProperty("wharf.limits.default-timeout-ms", Integer.class, 30_000),
                env.getProperty("wharf.limits.default-max-concurrency", Integer.class, 16));
        this.maxima = new Limits(env.getProperty("wharf.limits.max-memory-mib", Integer.class, 4096),
                env.getProperty("wharf.limits.max-timeout-ms", Integer.class, 300_000),
                env.getProperty("wharf.limits.max-max-concurrency", Integer.class, 1024));
    }

    @PutMapping(path = "/v1/apps/{app}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<AppInfo>> deploy(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String app, @RequestBody(required = false) byte[] body) {
        return auth.tenant(authorization).flatMap(tenant -> {
            Names.require("app", app);
            AppSpec spec = spec(Bodies.object(json, body));
            return Blocking.call(() -> apps.deploy(tenant, app, spec));
        }).map(d -> ResponseEntity.status(d.created() ? HttpStatus.CREATED : HttpStatus.OK).body(d.app()));
    }

    @GetMapping("/v1/apps")
    public Mono<List<AppInfo>> list(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return auth.tenant(authorization).flatMap(tenant -> Blocking.call(() -> apps.list(tenant)));
    }

    @GetMapping("/v1/apps/{app}")
    public Mono<AppInfo> get(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String app) {
        return auth.tenant(authorization).flatMap(tenant -> Blocking.call(
                () -> apps.find(tenant, app).orElseThrow(() -> noApp(app))));
    }

    @GetMapping("/v1/apps/{app}/revisions")
    public Mono<List<Revision>> revisions(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String app) {
        return auth.tenant(authorization).flatMap(tenant -> Blocking.call(
                () -> apps.revisions(tenant, app).orElseThrow(() -> noApp(app))));
    }

    @PostMapping(path = "/v1/apps/{app}/rollback", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<AppInfo> rollback(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String app, @RequestBody(required = false) byte[] body) {
        return auth.tenant(authorization).flatMap(tenant -> {
            JsonNode request = Bodies.object(json, body);
            Json.onlyFields(request, "revision");
            int revision = Json.requiredInt(request, "revision");
            return Blocking.call(() -> apps.rollback(tenant, app, revision));
        });
    }

    @DeleteMapping("/v1/apps/{app}")
    public Mono<ResponseEntity<Void>> delete(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String app) {
        return auth.tenant(authorization).flatMap(tenant -> Blocking.call(() -> apps.delete(tenant, app)))
                .map(deleted -> {
                    if (!deleted) {
                        throw noApp(app);
                    }
                    return ResponseEntity.noContent().<Void>build();
                });
    }

    private static ApiException noApp(String app) {
        return ApiException.notFound("no app named '" + app + "'");
    }

    private AppSpec spec(JsonNode request) {
        Json.onlyFields(request, "component", "env", "limits");
        String component = Json.requiredString(request, "component");
        if (!Names.DIGEST.matcher(component).matches()) {
            throw ApiException.badRequest("field 'component' must be a component digest 'sha256:<64 hex digits>', "
                    + "as returned by POST /v1/components");
        }
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode envNode = request.get("env");
        if (envNode != null && !envNode.isNull()) {
            if (!envNode.isObject()) {
                throw ApiException.badRequest("field 'env' must be an object of string values");
            }
            for (Map.Entry<String, JsonNode> e : envNode.properties()) {
                if (!ENV_NAME.matcher(e.getKey()).matches()) {
                    throw ApiException.badRequest("env name '" + e.getKey()
                            + "' is invalid: use letters, digits and '_', not starting with a digit");
                }
                if (!e.getValue().isString()) {
                    throw ApiException.badRequest("env '" + e.getKey() + "' must be a string");
                }
                if (e.getValue().stringValue().length() > MAX_ENV_VALUE) {
                    throw ApiException.badRequest("env '" + e.getKey() + "' is longer than " + MAX_ENV_VALUE);
                }
                env.put(e.getKey(), e.getValue().stringValue());
            }
            if (env.size() > MAX_ENV_ENTRIES) {
                throw ApiException.badRequest("env has more than " + MAX_ENV_ENTRIES + " entries");
            }
        }
        Limits limits = defaults;
        JsonNode limitsNode = request.get("limits");
        if (limitsNode != null && !limitsNode.isNull()) {
            if (!limitsNode.isObject()) {
                throw ApiException.badRequest("field 'limits' must be an object");
            }
            Json.onlyFields(limitsNode, "memoryMiB", "timeoutMs", "maxConcurrency");
            limits = new Limits(
                    limit(limitsNode, "memoryMiB", defaults.memoryMiB(), maxima.memoryMiB()),
                    limit(limitsNode, "timeoutMs", defaults.timeoutMs(), maxima.timeoutMs()),
                    limit(limitsNode, "maxConcurrency", defaults.maxConcurrency(), maxima.maxConcurrency()));
        }
        return new AppSpec(component, env, limits);
    }

    private static int limit(JsonNode limits, String field, int fallback, int max) {
        Integer value = Json.optionalInt(limits, field);
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > max) {
            throw ApiException.badRequest("limits." + field + " must be between 1 and " + max + " (the platform "
                    + "maximum); got " + value);
        }
        return value;
    }
}
