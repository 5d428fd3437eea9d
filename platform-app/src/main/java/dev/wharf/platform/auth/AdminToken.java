package dev.wharf.platform.auth;

import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The operator's bearer token for the admin routes: {@code wharf.admin-token} when set; otherwise one generated at
 * the first start, whose SHA-256 is stored in the database and whose value is logged once, at that start only.
 */
@Component
public class AdminToken {
    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);
    private static final String SETTING = "admin_token_sha256";

    private final byte[] sha256;

    public AdminToken(Environment env, JdbcClient jdbc) {
        String configured = env.getProperty("wharf.admin-token");
        if (configured != null && !configured.isBlank()) {
            this.sha256 = Secrets.sha256(configured);
            log.info("Admin token: taken from wharf.admin-token");
            return;
        }
        String stored = jdbc.sql("SELECT value FROM platform_settings WHERE key = ?").param(SETTING)
                .query(String.class).optional().orElse(null);
        if (stored == null) {
            String token = Secrets.newAdminToken();
            int inserted = jdbc.sql("INSERT INTO platform_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING")
                    .param(SETTING).param(HexFormat.of().formatHex(Secrets.sha256(token))).update();
            if (inserted == 1) {
                log.warn("Generated the admin token (shown this once only; only its hash is stored): {}", token);
            }
            stored = jdbc.sql("SELECT value FROM platform_settings WHERE key = ?").param(SETTING)
                    .query(String.class).single();
        }
        this.sha256 = HexFormat.of().parseHex(stored);
    }

    public boolean matches(String presented) {
        return Secrets.matches(presented, sha256);
    }
}
