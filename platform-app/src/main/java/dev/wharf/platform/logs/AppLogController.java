package dev.wharf.platform.logs;

import dev.wharf.platform.api.ApiException;
import dev.wharf.platform.auth.Auth;
import dev.wharf.platform.store.Blocking;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A tenant's view of what its apps wrote to stdout and stderr, on every replica (tenant API key). Without
 * {@code after}: the newest lines; with it: the lines written since, to follow an app by polling with the last id.
 */
@RestController
public class AppLogController {
    private static final Pattern APP_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final int MAX_LIMIT = 1000;

    /** @param last the id to pass as {@code after} next time (null when there are no lines) */
    public record AppLogs(String app, List<AppLogStore.Line> lines, Long last) {}

    private final Auth auth;
    private final AppLogStore store;

    public AppLogController(Auth auth, AppLogStore store) {
        this.auth = auth;
        this.store = store;
    }

    @GetMapping("/v1/apps/{app}/logs")
    public Mono<AppLogs> logs(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String app, @RequestParam(required = false) Long after,
            @RequestParam(required = false, defaultValue = "100") int limit) {
        return auth.tenant(authorization).flatMap(tenant -> {
            if (!APP_NAME.matcher(app).matches()) {
                return Mono.error(ApiException.badRequest("'" + app + "' is not an app name"));
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                return Mono.error(ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT));
            }
            if (after != null && after < 0) {
                return Mono.error(ApiException.badRequest("after must be a line id (>= 0)"));
            }
            return Blocking.call(() -> {
                List<AppLogStore.Line> lines = store.read(tenant.name(), app, after, limit);
                Long last = lines.isEmpty() ? after : Long.valueOf(lines.get(lines.size() - 1).id());
                return new AppLogs(app, lines, last);
            });
        });
    }
}
