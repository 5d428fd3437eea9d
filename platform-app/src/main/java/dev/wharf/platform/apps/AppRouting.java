package dev.wharf.platform.apps;

import dev.wharf.platform.api.ApiException;
import dev.wharf.platform.api.ProblemHandler;
import dev.wharf.platform.auth.Auth;
import dev.wharf.platform.gateway.GatewayHandler;
import dev.wharf.platform.gateway.GuestView;
import dev.wharf.platform.metrics.PlatformMetrics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.core.Ordered;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routes requests to apps ({@link AppTarget}) ahead of every other route (a {@link WebFilter}), and serves them
 * with the app's active revision through the {@link GatewayHandler}.
 *
 * <ul>
 *   <li>unknown tenant or app: 404 problem JSON;</li>
 *   <li>component still compiling: 503 with {@code Retry-After: 2};</li>
 *   <li>component failed to compile (or could not be loaded): 502, the reason in the problem's detail
 *       (the platform cannot run what the app points at: deploy another component);</li>
 *   <li>{@code public: false} apps need the tenant's API key as Bearer: 401 without a valid one, 403 for the admin
 *       token, 404 for another tenant's key (as on the API, another tenant's names are not disclosed). The
 *       {@code Authorization} header is not passed to such an app's guest.</li>
 * </ul>
 * The guest sees the path under the app and the query, plus {@code x-wharf-base-path: /t/{tenant}/{app}} with path
 * routing (with host routing the guest sees the whole path and no such header; one a client sends is dropped).
 */
@Component
public class AppRouting implements WebFilter, Ordered {
    private static final Logger log = LoggerFactory.getLogger(AppRouting.class);
    public static final String BASE_PATH_HEADER = "x-wharf-base-path";
    private static final String UNKNOWN = "-";

    private final AppRegistry registry;
    private final GatewayHandler gateway;
    private final Auth auth;
    private final PlatformMetrics metrics;
    private final JsonMapper json;
    private final String domain;

    public AppRouting(AppRegistry registry, GatewayHandler gateway, Auth auth, PlatformMetrics metrics,
            JsonMapper json, Environment env) {
        this.registry = registry;
        this.gateway = gateway;
        this.auth = auth;
        this.metrics = metrics;
        this.json = json;
        String d = env.getProperty("wharf.domain");
        this.domain = d == null || d.isBlank() ? null : d.strip();
    }

    /** After Spring's observation filter (http.server.requests), before everything else. */
    @Override
    public int getOrder() {
        return 0;
    }

    /**
     * A filter that answers app requests itself rather than a handler mapping: the dispatcher answers CORS
     * preflight requests on its own, and an app must see its own {@code OPTIONS} requests. A host-routed app owns
     * every path of its host, the API's included.
     */
    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        AppTarget target = AppTarget.of(request.getURI(), request.getHeaders().getFirst(HttpHeaders.HOST), domain);
        return target == null ? chain.filter(exchange) : serve(exchange, target);
    }

    private Mono<Void> serve(ServerWebExchange web, AppTarget target) {
        long start = System.nanoTime();
        metrics.requestStarted();
        // tags only for apps that exist: names from unknown requests would make the series unbounded
        AtomicReference<String[]> tags = new AtomicReference<>(new String[] {UNKNOWN, UNKNOWN});
        Mono<Void> served = !target.plausible() ? notFound(web, target)
                : registry.lookup(target.tenant(), target.app()).flatMap(lookup -> switch (lookup) {
                    case AppRegistry.Lookup.NotFound n -> notFound(web, target);
                    case AppRegistry.Lookup.Compiling c -> {
                        tags.set(new String[] {target.tenant(), target.app()});
                        web.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "2");
                        yield problem(web, HttpStatus.SERVICE_UNAVAILABLE,
                                "app '" + target.app() + "' is not ready: its component is still compiling; retry shortly");
                    }
                    case AppRegistry.Lookup.Failed f -> {
                        tags.set(new String[] {target.tenant(), target.app()});
                        yield problem(web, HttpStatus.BAD_GATEWAY, "app '" + target.app() + "' cannot run: "
                                + f.reason() + "; deploy another component");
                    }
                    case AppRegistry.Lookup.Ready ready -> {
                        tags.set(new String[] {target.tenant(), target.app()});
                        yield authorize(web, ready.revision())
                                .then(Mono.defer(() -> gateway.handle(web, ready.component(),
                                        guestView(web, target, ready.revision()))))
                                .doFinally(s -> ready.release());
                    }
                })
                .doOnDiscard(AppRegistry.Lookup.Ready.class, AppRegistry.Lookup.Ready::release);
        return served
                .onErrorResume(ApiException.class, e -> problem(web, e.status(), e.getMessage()))
                .doFinally(signal -> {
                    HttpStatusCode status = web.getResponse().getStatusCode();
                    metrics.requestEnded(tags.get()[0], tags.get()[1], status == null ? 200 : status.value(),
                            System.nanoTime() - start);
                });
    }

    /** Private apps: the tenant's own API key (401/403 as on the API, 404 for another tenant's key). */
    private Mono<Void> authorize(ServerWebExchange web, ActiveRevision revision) {
        if (revision.isPublic()) {
            return Mono.empty();
        }
        return auth.tenant(web.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION)).flatMap(tenant -> {
            if (tenant.id() != revision.tenantId()) {
                return Mono.error(noApp(revision.tenant(), revision.app()));
            }
            return Mono.empty();
        });
    }

    /**
     * What the guest sees: its own path under the app's base, the base path in {@code x-wharf-base-path} (none with
     * host routing, where the guest owns the whole path), and no {@code Authorization} for a private app. The
     * gateway applies it while converting the request, rather than a rewritten copy of the request.
     */
    private static GuestView guestView(ServerWebExchange web, AppTarget target, ActiveRevision revision) {
        String query = web.getRequest().getURI().getRawQuery();
        String pathWithQuery = query == null ? target.guestPath() : target.guestPath() + "?" + query;
        Set<String> dropped = revision.isPublic() ? Set.of(BASE_PATH_HEADER)
                : Set.of(BASE_PATH_HEADER, HttpHeaders.AUTHORIZATION.toLowerCase(Locale.ROOT));
        List<Map.Entry<String, String>> added = target.basePath().isEmpty() ? List.of()
                : List.of(Map.entry(BASE_PATH_HEADER, target.basePath()));
        return new GuestView(pathWithQuery, dropped, added);
    }

    private Mono<Void> notFound(ServerWebExchange web, AppTarget target) {
        return problem(web, HttpStatus.NOT_FOUND, noApp(target.tenant(), target.app()).getMessage());
    }

    private static ApiException noApp(String tenant, String app) {
        return ApiException.notFound("no app '" + app + "' in tenant '" + tenant + "'");
    }

    private Mono<Void> problem(ServerWebExchange web, HttpStatusCode status, String detail) {
        if (web.getResponse().isCommitted()) {
            log.debug("Response already committed; dropping problem {} {}", status, detail);
            return Mono.empty();
        }
        return ProblemHandler.write(json, web.getResponse(), status, detail, web.getRequest().getPath().value());
    }
}
