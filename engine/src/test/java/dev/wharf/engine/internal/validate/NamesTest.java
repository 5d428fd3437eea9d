package dev.wharf.engine.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "handle", "incoming-handler", "get-HTTP-status", "HTTP", "a1", "x-2d", "foo-bar-baz"})
    void validLabels(String s) {
        assertThat(Names.isLabel(s)).isTrue();
        assertThat(Names.checkExternName(s)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", "a-", "a--b", "1abc", "Ab", "aB", "a_b", "a b", "héllo"})
    void invalidLabels(String s) {
        assertThat(Names.isLabel(s)).isFalse();
        assertThat(Names.checkExternName(s)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"wasi:http/incoming-handler@0.2.0", "wasi:http/types", "wasi:cli/run@0.2.3", "my-ns:my-pkg/iface@1.2.3-rc.1+build.5",
            "wasi:http/types@0.2", "wasi:http/types@1", "[constructor]fields", "[method]fields.get", "[static]fields.from-list",
            "[async]handle", "[async method]body.read"})
    void validExternNames(String s) {
        assertThat(Names.checkExternName(s)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"wasi:http", "wasi:http/", "wasi:http/types@", "wasi:http/types@01.2.3", "wasi:http/types@1.2.3.4", "Wasi:http/types",
            "wasi:/types", ":http/types", "[method]fields", "[weird]x", "[constructor", "wasi:http/Types_x", "url=<https://x>"})
    void invalidExternNames(String s) {
        assertThat(Names.checkExternName(s)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[constructor]fields", "[method]fields.get", "[static]fields.new"})
    void annotatedNamesNameTheirResource(String s) {
        assertThat(Names.annotatedResource(s)).isEqualTo("fields");
    }
}
