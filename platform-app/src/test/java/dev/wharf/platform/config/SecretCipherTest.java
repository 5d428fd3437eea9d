package dev.wharf.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secrets key settings and the AES-GCM round trip. */
class SecretCipherTest {
    static final byte[] AAD = SecretCipher.associatedData(7, "shop", "token");

    @Test
    void noKeyMeansNoCipher() {
        assertThat(SecretCipher.fromSettings(null, null)).isEmpty();
        assertThat(SecretCipher.fromSettings(" ", "")).isEmpty();
    }

    @Test
    void theKeyFileAndThePropertyGiveTheSameCipher(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key");
        Files.writeString(file, ConfigApiTest.KEY + "\n");
        SecretCipher fromFile = SecretCipher.fromSettings(null, file.toString()).orElseThrow();
        SecretCipher fromProperty = SecretCipher.fromSettings(ConfigApiTest.KEY, null).orElseThrow();
        assertThat(fromFile.keyId()).isEqualTo(fromProperty.keyId()).doesNotContain(ConfigApiTest.KEY);
        assertThat(fromProperty.open(fromFile.seal("value ✓", AAD), AAD)).isEqualTo("value ✓");
    }

    @Test
    void unusableSettingsStopTheStartWithAReason(@TempDir Path dir) {
        assertThatThrownBy(() -> SecretCipher.fromSettings(ConfigApiTest.KEY, "/some/file"))
                .hasMessage("set wharf.secrets.key or wharf.secrets.key-file, not both");
        assertThatThrownBy(() -> SecretCipher.fromSettings("not base64!", null))
                .hasMessageStartingWith("the secrets key in wharf.secrets.key is not usable");
        assertThatThrownBy(() -> SecretCipher.fromSettings(Base64.getEncoder().encodeToString(new byte[20]), null))
                .hasMessageContaining("must be 16, 24 or 32 bytes");
        assertThatThrownBy(() -> SecretCipher.fromSettings(null, dir.resolve("missing").toString()))
                .hasMessageStartingWith("cannot read the secrets key from the file");
    }

    @Test
    void aValueSealedWithAnotherKeyIsReportedAsSuch() {
        SecretCipher a = new SecretCipher(new byte[32]);
        byte[] other = new byte[32];
        other[0] = 1;
        SecretCipher b = new SecretCipher(other);
        var sealed = a.seal("v", AAD);
        assertThatThrownBy(() -> b.open(sealed, AAD)).isInstanceOf(SecretCipher.UnsealException.class)
                .hasMessage("it was encrypted with key " + a.keyId() + ", this platform has key " + b.keyId());
        byte[] tampered = sealed.ciphertext().clone();
        tampered[0] ^= 1;
        assertThatThrownBy(() -> a.open(new SecretCipher.Sealed(tampered, sealed.nonce(), sealed.keyId()), AAD))
                .hasMessageContaining("does not authenticate");
    }

    @Test
    void previousKeysOpenWhatTheySealedWhileTheCurrentKeySealsEverythingNew() throws Exception {
        byte[] oldKey = new byte[32];
        byte[] newKey = new byte[32];
        newKey[0] = 2;
        SecretCipher old = new SecretCipher(oldKey);
        SecretCipher rotated = SecretCipher.fromSettings(Base64.getEncoder().encodeToString(newKey), null,
                " " + Base64.getEncoder().encodeToString(oldKey) + " ,").orElseThrow();

        assertThat(rotated.keyId()).isEqualTo(new SecretCipher(newKey).keyId());
        assertThat(rotated.previousKeyIds()).containsExactly(old.keyId());
        assertThat(rotated.open(old.seal("before", AAD), AAD)).isEqualTo("before");
        var sealedNow = rotated.seal("after", AAD);
        assertThat(sealedNow.keyId()).isEqualTo(rotated.keyId());
        assertThatThrownBy(() -> old.open(sealedNow, AAD)).isInstanceOf(SecretCipher.UnsealException.class);

        byte[] thirdKey = new byte[32];
        thirdKey[0] = 3;
        SecretCipher third = new SecretCipher(thirdKey);
        assertThatThrownBy(() -> rotated.open(third.seal("lost", AAD), AAD))
                .hasMessage("it was encrypted with key " + third.keyId() + ", this platform has key " + rotated.keyId()
                        + " and previous keys " + old.keyId());
    }

    @Test
    void unusablePreviousKeysStopTheStartWithAReason() {
        assertThatThrownBy(() -> SecretCipher.fromSettings(null, null, ConfigApiTest.KEY))
                .hasMessageContaining("wharf.secrets.previous-keys is set but there is no current key");
        assertThatThrownBy(() -> SecretCipher.fromSettings(ConfigApiTest.KEY, null, ConfigApiTest.KEY + ",bad!"))
                .hasMessageStartingWith("the secrets key in wharf.secrets.previous-keys (item 2) is not usable");
    }
}
