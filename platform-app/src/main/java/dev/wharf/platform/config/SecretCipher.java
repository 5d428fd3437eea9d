package dev.wharf.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secret configuration values at rest with AES-GCM: a fresh random 96-bit nonce per value, a 128-bit
 * tag, and associated data naming the row (tenant id, app, key), so a ciphertext moved to another row fails to
 * decrypt. The key comes from {@code wharf.secrets.key} (base64 of 16, 24 or 32 bytes) or from the file named by
 * {@code wharf.secrets.key-file}; its id (a hash prefix, never the key) is stored with each value so that a
 * value sealed with another key is reported as such.
 *
 * <p>Rotation: {@code wharf.secrets.previous-keys} lists older keys (base64, comma-separated). Values sealed with
 * one of them still open; new values are always sealed with the current key, and {@link SecretsRotation}
 * re-seals the old ones (docs/config.md, "Rotating the key").
 */
public final class SecretCipher {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** What is stored for a secret. */
    public record Sealed(byte[] ciphertext, byte[] nonce, String keyId) {}

    /** The value cannot be opened: another key sealed it, or the row was tampered with. */
    public static final class UnsealException extends Exception {
        private static final long serialVersionUID = 1L;

        UnsealException(String message) {
            super(message, null, false, false);
        }
    }

    private final SecretKeySpec key;
    private final String keyId;
    /** Every key that opens values, by id: the current one first, then the previous ones. */
    private final Map<String, SecretKeySpec> openers;

    public SecretCipher(byte[] key) {
        this(key, List.of());
    }

    /** @param previousKeys older keys, only to open values sealed with them */
    public SecretCipher(byte[] key, List<byte[]> previousKeys) {
        this.key = aesKey(key);
        this.keyId = keyIdOf(key);
        var openers = new LinkedHashMap<String, SecretKeySpec>();
        openers.put(keyId, this.key);
        for (byte[] previous : previousKeys) {
            openers.putIfAbsent(keyIdOf(previous), aesKey(previous));
        }
        this.openers = Collections.unmodifiableMap(openers);
    }

    private static SecretKeySpec aesKey(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("the secrets key must be 16, 24 or 32 bytes (base64-encoded), not "
                    + key.length);
        }
        return new SecretKeySpec(key.clone(), "AES");
    }

    /**
     * The cipher for {@code wharf.secrets.key} or {@code wharf.secrets.key-file}, or empty when neither is set.
     *
     * @throws IllegalStateException both are set, the file cannot be read, or the key is not valid base64 of an
     *     AES key length
     */
    public static Optional<SecretCipher> fromSettings(String base64Key, String keyFile) {
        return fromSettings(base64Key, keyFile, null);
    }

    /**
     * As {@link #fromSettings(String, String)}, with {@code wharf.secrets.previous-keys}: older keys, base64,
     * separated by commas or whitespace.
     *
     * @throws IllegalStateException also when previous keys are set without a current key, or one is not usable
     */
    public static Optional<SecretCipher> fromSettings(String base64Key, String keyFile, String previousKeys) {
        boolean hasKey = base64Key != null && !base64Key.isBlank();
        boolean hasFile = keyFile != null && !keyFile.isBlank();
        boolean hasPrevious = previousKeys != null && !previousKeys.isBlank();
        if (hasKey && hasFile) {
            throw new IllegalStateException("set wharf.secrets.key or wharf.secrets.key-file, not both");
        }
        if (!hasKey && !hasFile) {
            if (hasPrevious) {
                throw new IllegalStateException("wharf.secrets.previous-keys is set but there is no current key "
                        + "(wharf.secrets.key or wharf.secrets.key-file)");
            }
            return Optional.empty();
        }
        String text;
        String from;
        if (hasFile) {
            from = "the file " + keyFile + " (wharf.secrets.key-file)";
            try {
                text = Files.readString(Path.of(keyFile), StandardCharsets.US_ASCII);
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalStateException("cannot read the secrets key from " + from + ": " + e.getMessage());
            }
        } else {
            from = "wharf.secrets.key";
            text = base64Key;
        }
        byte[] current = decodeKey(text, from);
        var previous = new ArrayList<byte[]>();
        if (hasPrevious) {
            int n = 0;
            for (String item : previousKeys.strip().split("[,\\s]+")) {
                previous.add(decodeKey(item, "wharf.secrets.previous-keys (item " + ++n + ")"));
            }
        }
        return Optional.of(new SecretCipher(current, previous));
    }

    private static byte[] decodeKey(String text, String from) {
        try {
            byte[] key = Base64.getDecoder().decode(text.strip());
            aesKey(key);
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the secrets key in " + from + " is not usable: " + e.getMessage()
                    + " (make one with: head -c 32 /dev/urandom | base64)");
        }
    }

    /** The id of the current key, the one that seals. */
    public String keyId() {
        return keyId;
    }

    /** The ids of the previous keys, which only open. */
    public List<String> previousKeyIds() {
        return List.copyOf(openers.keySet()).subList(1, openers.size());
    }

    public Sealed seal(String plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(associatedData);
            return new Sealed(c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)), nonce, keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public String open(Sealed sealed, byte[] associatedData) throws UnsealException {
        SecretKeySpec opener = openers.get(sealed.keyId());
        if (opener == null) {
            throw new UnsealException("it was encrypted with key " + sealed.keyId() + ", this platform has key " + keyId
                    + (openers.size() > 1 ? " and previous keys " + String.join(", ", previousKeyIds()) : ""));
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, opener, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            c.updateAAD(associatedData);
            return new String(c.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnsealException("its ciphertext does not authenticate (altered, or moved from another row)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The associated data of a row: binds a ciphertext to its tenant, app ("" for tenant-wide) and key. */
    public static byte[] associatedData(long tenantId, String app, String key) {
        return ("wharf:config\n" + tenantId + "\n" + app + "\n" + key).getBytes(StandardCharsets.UTF_8);
    }

    private static String keyIdOf(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("wharf secrets key id\n".getBytes(StandardCharsets.US_ASCII));
            byte[] digest = sha.digest(key);
            return "k" + HexFormat.of().formatHex(Arrays.copyOf(digest, 6));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "SecretCipher[" + keyId + (openers.size() > 1 ? ", previous " + previousKeyIds() : "") + "]";
    }
}
