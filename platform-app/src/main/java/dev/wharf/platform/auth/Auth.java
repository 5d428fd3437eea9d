package dev.wharf.platform.auth;

import dev.wharf.platform.api.ApiException;
import dev.wharf.platform.store.Blocking;
import dev.wharf.platform.store.Tenant;
import dev.wharf.platform.store.TenantStore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Checks the {@code Authorization: Bearer ...} header of admin and tenant routes. */
@Component
public class Auth {
    private final AdminToken adminToken;
    private final TenantStore tenants;

    public Auth(AdminToken adminToken, TenantStore tenants) {
        this.adminToken = adminToken;
        this.tenants = tenants;
    }

    /** Completes empty when the header carries the admin token, else fails with 401 or 403. */
    public Mono<Void> admin(String authorization) {
        return Mono.defer(() -> {
            String token = bearer(authorization);
            if (adminToken.matches(token)) {
                return Mono.<Void>empty();
            }
            return Blocking.call(() -> tenants.authenticate(token).isPresent()).flatMap(isTenant -> Mono.error(isTenant
                    ? ApiException.forbidden("this route needs the admin token, not a tenant API key")
                    : ApiException.unauthorized("the bearer token is not the admin token")));
        });
    }

    /** The tenant whose API key the header carries, else fails with 401 (403 for the admin token). */
    public Mono<Tenant> tenant(String authorization) {
        return Mono.defer(() -> {
            String token = bearer(authorization);
            return Blocking.call(() -> tenants.authenticate(token).orElse(null))
                    .switchIfEmpty(Mono.defer(() -> Mono.error(adminToken.matches(token)
                            ? ApiException.forbidden("this route needs a tenant API key, not the admin token")
                            : ApiException.unauthorized("the bearer token is not a valid tenant API key"))));
        });
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unauthorized("missing 'Authorization: Bearer <token>' header");
        }
        String value = authorization.strip();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("the Authorization header must be 'Bearer <token>'");
        }
        return value.substring(7).strip();
    }
}
