package dev.wharf.engine.internal.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionedNameTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            // 0.x.y: same 0.x
            "wasi:http/types@0.2.3, wasi:http/types@0.2.12, true",
            "wasi:http/types@0.2.12, wasi:http/types@0.2.3, true",
            "wasi:http/types@0.2.0, wasi:http/types@0.2.0, true",
            "wasi:http/types@0.2.3, wasi:http/types@0.3.0, false",
            "wasi:http/types@0.1.9, wasi:http/types@0.2.0, false",
            // >= 1: same major
            "wharf:test/host@1.0.0, wharf:test/host@1.4.2, true",
            "wharf:test/host@1.9.0, wharf:test/host@1.0.0, true",
            "wharf:test/host@1.0.0, wharf:test/host@2.0.0, false",
            "wharf:test/host@10.1.0, wharf:test/host@10.0.7, true",
            // 0.0.x: exact
            "a:b/c@0.0.1, a:b/c@0.0.1, true",
            "a:b/c@0.0.1, a:b/c@0.0.2, false",
            // pre-releases: exact
            "wasi:http/types@0.3.0-draft, wasi:http/types@0.3.0-draft, true",
            "wasi:http/types@0.3.0-draft, wasi:http/types@0.3.0-draft2, false",
            "wasi:http/types@0.3.0-rc.1, wasi:http/types@0.3.0, false",
            "wasi:http/types@0.3.0-rc.1, wasi:http/types@0.3.1, false",
            "a:b/c@1.0.0-rc.1, a:b/c@1.2.0, false",
            // build metadata is ignored
            "a:b/c@1.0.0+build5, a:b/c@1.2.0, true",
            // different base names never match
            "wasi:http/types@0.2.3, wasi:http/handler@0.2.3, false",
            "wasi:cli/stdout@0.2.0, wasi:cli/stderr@0.2.0, false",
            // unversioned only matches unversioned
            "wasi:http/types, wasi:http/types@0.2.0, false",
            "log, log, true",
            "log, logs, false",
    })
    void compatibility(String a, String b, boolean expected) {
        assertThat(VersionedName.compatible(a, b)).isEqualTo(expected);
        assertThat(VersionedName.compatible(b, a)).as("symmetric").isEqualTo(expected);
    }

    @Test
    void parsesBaseAndVersion() {
        VersionedName n = VersionedName.parse("wasi:http/types@0.2.3");
        assertThat(n.base()).isEqualTo("wasi:http/types");
        assertThat(n.version()).hasValueSatisfying(v -> {
            assertThat(v.major()).isZero();
            assertThat(v.minor()).isEqualTo(2);
            assertThat(v.patch()).isEqualTo(3);
            assertThat(v.pre()).isEmpty();
        });
        assertThat(n).hasToString("wasi:http/types@0.2.3");
        assertThat(VersionedName.parse("wasi:http/types@0.3.0-rc.1").version().orElseThrow().pre()).isEqualTo("rc.1");
    }

    @ParameterizedTest
    @CsvSource({"a:b/c@1.0", "a:b/c@1.0.0.0", "a:b/c@01.0.0", "a:b/c@1.0.0-", "a:b/c@x.y.z", "a:b/c@", "a:b/c@1.0.0+"})
    void invalidVersionsLeaveTheNameUnversioned(String name) {
        VersionedName n = VersionedName.parse(name);
        assertThat(n.version()).isEmpty();
        assertThat(n.base()).isEqualTo(name);
        assertThat(VersionedName.compatible(name, name)).isTrue();
    }

    @Test
    void versionsOrderLikeSemver() {
        var v = VersionedName.parse("a:b/c@0.2.12").version().orElseThrow();
        var w = VersionedName.parse("a:b/c@0.2.3").version().orElseThrow();
        var rc = VersionedName.parse("a:b/c@0.2.12-rc.1").version().orElseThrow();
        assertThat(v).isGreaterThan(w);
        assertThat(rc).isLessThan(v).isGreaterThan(w);
    }
}
