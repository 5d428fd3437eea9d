package dev.wharf.platform.api;

import dev.wharf.engine.plugin.AppBinding;
import dev.wharf.engine.plugin.AppContext;
import dev.wharf.engine.plugin.HostPlugin;
import dev.wharf.platform.apps.AppRegistry;
import dev.wharf.platform.auth.Auth;
import dev.wharf.platform.runtime.PlatformPlugins;
import dev.wharf.platform.store.AppStore;
import dev.wharf.platform.store.AppStore.AppInfo;
import dev.wharf.platform.store.AppStore.AppSpec;
import dev.wharf.platform.store.AppStore.Limits;
import dev.wharf.platform.store.AppStore.Revision;
import dev.wharf.platform.store.Blocking;
import dev.wharf.platform.store.ComponentInfo;
import dev.wharf.platform.store.ComponentStore;
import dev.wharf.platform.store.Tenant;
import java.util.ArrayList;
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

/**
 * Tenant routes for apps: deploy (each PUT is a new revision), list, inspect, roll back, delete. A deployment names
 * the component, its env and limits, whether it is public, and one settings object per host plugin (under the
 * plugin's settings key); every plugin the component needs checks its settings before the revision is stored.
 */
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
    private final ComponentStore components;
    private final PlatformPlugins plugins;
    private final AppRegistry registry;

    public AppController(Auth auth, AppStore apps, JsonMapper json, Environment env, ComponentStore components,
            PlatformPlugins plugins, AppRegistry registry) {
        this.auth = auth;
        this.apps = apps;
        this.json = json;
        this.components = components;
        this.plugins = plugins;
        this.registry = registry;
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
            return Blocking.call(() -> {
                AppStore.Deployed deployed = apps.deploy(tenant, app, spec, revision -> check(tenant, app, revision, spec));
                registry.invalidate(tenant.name(), app);
                return deployed;
            });
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
            return Blocking.call(() -> {
                AppInfo info = apps.rollback(tenant, app, revision);
                registry.invalidate(tenant.name(), app);
                return info;
            });
        });
    }

    @DeleteMapping("/v1/apps/{app}")
    public Mono<ResponseEntity<Void>> delete(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String app) {
        return auth.tenant(authorization).flatMap(tenant -> Blocking.call(() -> {
                    boolean deleted = apps.delete(tenant, app);
                    registry.invalidate(tenant.name(), app);
                    return deleted;
                }))
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

    /**
     * Runs in the deployment's transaction: the component must not have failed to compile, and each plugin it
     * needs must accept its settings (422 with the plugin's message otherwise).
     */
    private void check(Tenant tenant, String app, int revision, AppSpec spec) {
        ComponentInfo component = components.find(tenant, spec.component()).orElse(null);
        if (component == null) {
            return; // the store answers 400 for a component the tenant does not have
        }
        if ("failed".equals(component.status())) {
            throw new ApiException(HttpStatus.valueOf(422), "component " + spec.component()
                    + " failed to compile and cannot be deployed: " + component.error());
        }
        List<String> imports = component.imports().stream().map(ComponentInfo.Extern::name).toList();
        for (HostPlugin plugin : plugins.needed(imports)) {
            Map<String, Object> settings = spec.plugins().getOrDefault(plugin.settingsKey(), Map.of());
            try (AppBinding binding = plugin.configure(new AppContext(tenant.name(), app, revision, settings))) {
                // only validating: the gateway binds the revision again in every process that serves it
            } catch (IllegalArgumentException e) {
                throw new ApiException(HttpStatus.valueOf(422), "'" + plugin.settingsKey() + "': " + e.getMessage());
            }
        }
    }

    private AppSpec spec(JsonNode request) {
        List<String> allowed = new ArrayList<>(List.of("component", "env", "limits", "public"));
        plugins.all().forEach(p -> allowed.add(p.settingsKey()));
        Json.onlyFields(request, allowed.toArray(String[]::new));
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
        boolean isPublic = true;
        JsonNode publicNode = request.get("public");
        if (publicNode != null && !publicNode.isNull()) {
            if (!publicNode.isBoolean()) {
                throw ApiException.badRequest("field 'public' must be true or false");
            }
            isPublic = publicNode.booleanValue();
        }
        Map<String, Map<String, Object>> pluginSettings = new LinkedHashMap<>();
        for (HostPlugin plugin : plugins.all()) {
            JsonNode settings = request.get(plugin.settingsKey());
            if (settings == null || settings.isNull()) {
                continue;
            }
            if (!settings.isObject()) {
                throw ApiException.badRequest("field '" + plugin.settingsKey() + "' (settings of " + plugin.name()
                        + ") must be a JSON object");
            }
            pluginSettings.put(plugin.settingsKey(), json.convertValue(settings, SETTINGS));
        }
        return new AppSpec(component, env, limits, isPublic, pluginSettings);
    }

    private static final tools.jackson.core.type.TypeReference<Map<String, Object>> SETTINGS =
            new tools.jackson.core.type.TypeReference<>() {};

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
