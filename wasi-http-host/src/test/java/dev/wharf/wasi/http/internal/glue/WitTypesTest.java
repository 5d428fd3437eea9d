package dev.wharf.wasi.http.internal.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.types.FuncType;
import org.junit.jupiter.api.Test;

class WitTypesTest {
    @Test
    void signaturesReadBackAsTheEnginePrintsThem() {
        String[] printed = {
            "func(self: borrow<fields>, name: string, value: list<u8>) -> result<_, variant { invalid-syntax, forbidden, immutable }>",
            "func(self: borrow<incoming-request>) -> result<own<incoming-body>>",
            "func(self: borrow<outgoing-response>, status-code: u16) -> result",
            "func(entries: list<tuple<string, list<u8>>>) -> result<own<fields>, variant { invalid-syntax, forbidden, immutable }>",
            "func(self: borrow<pollable>)",
            "func() -> record { seconds: u64, nanoseconds: u32 }",
            "func() -> option<enum { a, b-c }>",
            "func(path-flags: flags { symlink-follow }, open-flags: flags { create, directory }) -> u32",
        };
        for (String wit : printed) {
            assertThat(Wasi.TYPES.func(wit).toString()).isEqualTo(wit);
        }
    }

    @Test
    void namedTypesExpandToTheirStructure() {
        FuncType t = Wasi.TYPES.func("func(err: borrow<error>) -> option<error-code>");
        assertThat(t.toString()).contains("HTTP-request-body-size(option<u64>)").contains("internal-error(option<string>)");
        assertThat(Wasi.TYPES.func("func(h: own<headers>) -> own<trailers>").toString())
                .isEqualTo("func(h: own<fields>) -> own<fields>");
    }

    @Test
    void errorCodeCaseIndicesUsedByTheHostMatchTheWit() {
        var cases = ((dev.wharf.engine.types.VariantType) Wasi.TYPES.val("error-code")).cases();
        assertThat(cases).hasSize(39);
        assertThat(cases.get(Wasi.EC_HTTP_REQUEST_DENIED).name()).isEqualTo("HTTP-request-denied");
        assertThat(cases.get(Wasi.EC_HTTP_REQUEST_BODY_SIZE).name()).isEqualTo("HTTP-request-body-size");
        assertThat(cases.get(Wasi.EC_HTTP_RESPONSE_BODY_SIZE).name()).isEqualTo("HTTP-response-body-size");
        assertThat(cases.get(Wasi.EC_INTERNAL_ERROR).name()).isEqualTo("internal-error");
        assertThat(((dev.wharf.engine.types.EnumType) Wasi.TYPES.val("fs-error-code")).cases().get(Wasi.FS_EC_BAD_DESCRIPTOR))
                .isEqualTo("bad-descriptor");
    }

    @Test
    void unknownNamesAndTrailingTextAreRejected() {
        assertThatThrownBy(() -> Wasi.TYPES.val("own<nope>")).hasMessageContaining("unknown resource nope");
        assertThatThrownBy(() -> Wasi.TYPES.val("nope")).hasMessageContaining("unknown type nope");
        assertThatThrownBy(() -> Wasi.TYPES.val("u8 u8")).hasMessageContaining("trailing text");
    }
}
