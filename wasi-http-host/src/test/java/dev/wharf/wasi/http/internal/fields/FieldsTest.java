package dev.wharf.wasi.http.internal.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldsTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> strings(List<byte[]> values) {
        return values.stream().map(v -> new String(v, StandardCharsets.ISO_8859_1)).toList();
    }

    private static HeaderError errorOf(Mutation m) {
        try {
            m.run();
        } catch (HeaderErrorException e) {
            return e.error();
        }
        throw new AssertionError("expected a header error");
    }

    interface Mutation {
        void run() throws HeaderErrorException;
    }

    @Test
    void namesAreCaseInsensitiveAndStoredLowercase() throws Exception {
        Fields f = new Fields();
        f.append("Content-Type", b("text/plain"));
        assertThat(f.has("content-type")).isTrue();
        assertThat(f.has("CONTENT-TYPE")).isTrue();
        assertThat(strings(f.get("CoNtEnT-tYpE"))).containsExactly("text/plain");
        assertThat(f.entries()).extracting(Map.Entry::getKey).containsExactly("content-type");
    }

    @Test
    void repeatedValuesKeepTheirOrder() throws Exception {
        Fields f = new Fields();
        f.append("set-cookie", b("a=1"));
        f.append("x-other", b("o"));
        f.append("Set-Cookie", b("b=2"));
        f.append("set-cookie", b("c=3"));
        assertThat(strings(f.get("set-cookie"))).containsExactly("a=1", "b=2", "c=3");
        assertThat(f.entries()).extracting(Map.Entry::getKey)
                .containsExactly("set-cookie", "x-other", "set-cookie", "set-cookie");
    }

    @Test
    void setReplacesAllValuesInPlaceAndDeleteRemovesThem() throws Exception {
        Fields f = new Fields();
        f.append("a", b("1"));
        f.append("b", b("2"));
        f.append("a", b("3"));
        f.set("A", List.of(b("x"), b("y")));
        assertThat(f.entries()).extracting(e -> e.getKey() + "=" + new String(e.getValue(), StandardCharsets.ISO_8859_1))
                .containsExactly("a=x", "a=y", "b=2");
        f.set("new", List.of(b("n")));
        assertThat(f.entries()).extracting(Map.Entry::getKey).containsExactly("a", "a", "b", "new");
        f.delete("A");
        f.delete("absent");
        assertThat(f.has("a")).isFalse();
        assertThat(f.size()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bad name", "bad:name", "bad\nname", "caf\u00e9", "(paren)", "a\"b", "a/b"})
    void invalidNamesAreInvalidSyntax(String name) {
        Fields f = new Fields();
        assertThat(errorOf(() -> f.append(name, b("v")))).isEqualTo(HeaderError.INVALID_SYNTAX);
        assertThat(errorOf(() -> f.set(name, List.of()))).isEqualTo(HeaderError.INVALID_SYNTAX);
        assertThat(errorOf(() -> f.delete(name))).isEqualTo(HeaderError.INVALID_SYNTAX);
        assertThat(f.get(name)).isEmpty();
        assertThat(f.has(name)).isFalse();
    }

    @Test
    void tokenPunctuationIsAValidName() throws Exception {
        Fields f = new Fields();
        f.append("x-!#$%&'*+.^_`|~0", b("v"));
        assertThat(f.has("X-!#$%&'*+.^_`|~0")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\u0000b", "a\u0001b", "a\u007fb", "\r\nx-injected: 1"})
    void valuesWithControlBytesAreInvalidSyntax(String value) {
        Fields f = new Fields();
        assertThat(errorOf(() -> f.append("x", b(value)))).isEqualTo(HeaderError.INVALID_SYNTAX);
        assertThat(errorOf(() -> f.set("x", List.of(b("ok"), b(value))))).isEqualTo(HeaderError.INVALID_SYNTAX);
        assertThat(f.size()).as("all-or-nothing").isZero();
    }

    @Test
    void tabsSpacesAndObsTextAreValidValues() throws Exception {
        Fields f = new Fields();
        f.append("x", new byte[] {'a', '\t', ' ', (byte) 0xe9, (byte) 0xff});
        f.append("empty", new byte[0]);
        assertThat(f.get("x").get(0)).containsExactly('a', '\t', ' ', (byte) 0xe9, (byte) 0xff);
        assertThat(f.get("empty").get(0)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Connection", "keep-alive", "Proxy-Connection", "transfer-encoding", "upgrade", "host",
            "proxy-authorization", "proxy-authenticate", "http2-settings"})
    void forbiddenHeadersAreRejected(String name) {
        Fields f = new Fields();
        assertThat(errorOf(() -> f.append(name, b("v")))).isEqualTo(HeaderError.FORBIDDEN);
        assertThat(errorOf(() -> f.set(name, List.of(b("v"))))).isEqualTo(HeaderError.FORBIDDEN);
        assertThat(errorOf(() -> f.delete(name))).isEqualTo(HeaderError.FORBIDDEN);
        assertThat(errorOf(() -> Fields.fromList(List.of(Map.entry("ok", b("1")), Map.entry(name, b("v"))))))
                .isEqualTo(HeaderError.FORBIDDEN);
    }

    @Test
    void thePlatformCanForbidMoreNames() {
        Fields f = new Fields(ForbiddenHeaders.DEFAULT.plus(Set.of("X-Wharf-Internal")));
        assertThat(errorOf(() -> f.append("x-wharf-internal", b("v")))).isEqualTo(HeaderError.FORBIDDEN);
        assertThat(errorOf(() -> f.append("connection", b("v")))).isEqualTo(HeaderError.FORBIDDEN);
    }

    @Test
    void fromListKeepsOrderAndReportsInvalidSyntax() throws Exception {
        Fields f = Fields.fromList(List.of(Map.entry("B", b("1")), Map.entry("a", b("2")), Map.entry("b", b("3"))));
        assertThat(f.entries()).extracting(Map.Entry::getKey).containsExactly("b", "a", "b");
        assertThat(errorOf(() -> Fields.fromList(List.of(Map.entry("a b", b("1")))))).isEqualTo(HeaderError.INVALID_SYNTAX);
        assertThat(errorOf(() -> Fields.fromList(List.of(Map.entry("a", b("\n")))))).isEqualTo(HeaderError.INVALID_SYNTAX);
    }

    @Test
    void receivedFieldsAreImmutableAndLeaveOutWhatAGuestMayNotSet() throws Exception {
        Fields f = Fields.received(List.of(Map.entry("Host", b("example.com")), Map.entry("accept", b("*/*")),
                Map.entry("Connection", b("keep-alive")), Map.entry("transfer-encoding", b("chunked")),
                Map.entry("x-custom", b("1"))));
        assertThat(f.isImmutable()).isTrue();
        assertThat(f.entries()).extracting(Map.Entry::getKey).containsExactly("accept", "x-custom");
        assertThat(f.get("host")).isEmpty();
        assertThat(errorOf(() -> f.append("x", b("v")))).isEqualTo(HeaderError.IMMUTABLE);
        assertThat(errorOf(() -> f.set("accept", List.of()))).isEqualTo(HeaderError.IMMUTABLE);
        assertThat(errorOf(() -> f.delete("accept"))).isEqualTo(HeaderError.IMMUTABLE);
        assertThat(errorOf(() -> f.append("bad name", b("v")))).as("immutable is checked first").isEqualTo(HeaderError.IMMUTABLE);
        assertThat(errorOf(() -> f.copy().append("host", b("x")))).as("a clone keeps the forbidden list")
                .isEqualTo(HeaderError.FORBIDDEN);
        assertThat(errorOf(() -> Fields.received(List.of(Map.entry("a b", b("1")))))).isEqualTo(HeaderError.INVALID_SYNTAX);
    }

    @Test
    void cloneIsAMutableDeepCopy() throws Exception {
        Fields original = new Fields();
        original.append("a", b("1"));
        original.freeze();
        Fields copy = original.copy();
        assertThat(copy.isImmutable()).isFalse();
        copy.append("a", b("2"));
        assertThat(strings(original.get("a"))).containsExactly("1");
        assertThat(strings(copy.get("a"))).containsExactly("1", "2");
        assertThat(errorOf(() -> copy.append("connection", b("close")))).as("forbidden list carried over").isEqualTo(HeaderError.FORBIDDEN);
    }

    @Test
    void valuesAreCopiedInAndOut() throws Exception {
        Fields f = new Fields();
        byte[] v = b("abc");
        f.append("x", v);
        v[0] = 'z';
        f.get("x").get(0)[1] = 'z';
        f.entries().get(0).getValue()[2] = 'z';
        assertThat(strings(f.get("x"))).containsExactly("abc");
    }

    @Test
    void contentLengthIsParsedStrictly() throws Exception {
        Fields f = new Fields();
        assertThat(f.contentLength()).isEqualTo(-1);
        f.set("content-length", List.of(b("42")));
        assertThat(f.contentLength()).isEqualTo(42);
        f.set("content-length", List.of(b("-1")));
        assertThatThrownBy(f::contentLength).isInstanceOf(HeaderErrorException.class);
        f.set("content-length", List.of(b("1"), b("1")));
        assertThatThrownBy(f::contentLength).isInstanceOf(HeaderErrorException.class);
    }
}
