package dev.wharf.platform.config;

import dev.wharf.platform.api.ApiException;
import dev.wharf.platform.auth.Auth;
import dev.wharf.platform.store.Blocking;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Admin routes for the secrets key: where the secrets stand, and re-sealing them under the current key. */
@RestController
public class SecretsController {
    private final Auth auth;
    private final SecretsRotation rotation;

    public SecretsController(Auth auth, SecretsRotation rotation) {
        this.auth = auth;
        this.rotation = rotation;
    }

    @GetMapping("/v1/admin/secrets")
    public Mono<SecretsRotation.Report> status(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return auth.admin(authorization).then(Blocking.call(() -> configured().status()));
    }

    @PostMapping("/v1/admin/secrets/rotate")
    public Mono<SecretsRotation.Report> rotate(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return auth.admin(authorization).then(Blocking.call(() -> configured().rotate()));
    }

    private SecretsRotation configured() {
        if (!rotation.configured()) {
            throw ApiException.conflict("this platform has no secrets key (wharf.secrets.key or wharf.secrets.key-file), "
                    + "so it holds no secrets to re-seal");
        }
        return rotation;
    }
}
