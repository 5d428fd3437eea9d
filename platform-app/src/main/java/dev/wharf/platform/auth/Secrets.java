package dev.wharf.platform.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API keys and the admin token are 256-bit random secrets; only their SHA-256 is stored.
 *
 * <p>No bcrypt/scrypt/argon2: slow, salted hashes exist to stop offline guessing of low-entropy, human-chosen
 * passwords. A uniformly random 256-bit secret cannot be guessed, so a leaked SHA-256 of it is as good as useless,
 * and a fast hash keeps authenticating every request cheap.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    /** A new tenant API key {@code wk_<keyId>_<secret>}: the key id locates the row, the secret is 256 bits. */
    public static String newApiKey(String keyId) {
        return "wk_" + keyId + "_" + randomBase64(32);
    }

    /** A random public key id (64 bits, hex). */
    public static String newKeyId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The key id of a key of the form {@code wk_<keyId>_<secret>}, or null when it has another form. */
    public static String keyIdOf(String apiKey) {
        if (apiKey.length() == 3 + 16 + 1 + 43 && apiKey.startsWith("wk_") && apiKey.charAt(19) == '_') {
            return apiKey.substring(3, 19);
        }
        return null;
    }

    public static String newAdminToken() {
        return "wa_" + randomBase64(32);
    }

    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of a presented secret with a stored hash. */
    public static boolean matches(String presented, byte[] storedSha256) {
        return storedSha256 != null && MessageDigest.isEqual(sha256(presented), storedSha256);
    }

    private static String randomBase64(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
