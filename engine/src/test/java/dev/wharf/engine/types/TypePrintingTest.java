package dev.wharf.engine.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypePrintingTest {
    private static final ResourceType FIELDS = new ResourceType("fields", false);

    @Test
    void primitives() {
        assertThat(PrimitiveType.BOOL).hasToString("bool");
        assertThat(PrimitiveType.S8).hasToString("s8");
        assertThat(PrimitiveType.U64).hasToString("u64");
        assertThat(PrimitiveType.F32).hasToString("f32");
        assertThat(PrimitiveType.CHAR).hasToString("char");
        assertThat(PrimitiveType.STRING).hasToString("string");
    }

    @Test
    void constructors() {
        assertThat(new ListType(PrimitiveType.STRING)).hasToString("list<string>");
        assertThat(new OptionType(new ListType(PrimitiveType.U8))).hasToString("option<list<u8>>");
        assertThat(new TupleType(List.of(PrimitiveType.U32, PrimitiveType.STRING))).hasToString("tuple<u32, string>");
        assertThat(new RecordType(List.of(new RecordType.Field("a", PrimitiveType.U32), new RecordType.Field("b", PrimitiveType.STRING))))
                .hasToString("record { a: u32, b: string }");
        assertThat(new VariantType(List.of(new VariantType.Case("none", Optional.empty()), new VariantType.Case("some", Optional.of(PrimitiveType.U32)))))
                .hasToString("variant { none, some(u32) }");
        assertThat(new EnumType(List.of("get", "post"))).hasToString("enum { get, post }");
        assertThat(new FlagsType(List.of("read", "write"))).hasToString("flags { read, write }");
        assertThat(new OwnType(FIELDS)).hasToString("own<fields>");
        assertThat(new BorrowType(FIELDS)).hasToString("borrow<fields>");
    }

    @Test
    void results() {
        assertThat(new ResultType(Optional.empty(), Optional.empty())).hasToString("result");
        assertThat(new ResultType(Optional.of(PrimitiveType.U32), Optional.empty())).hasToString("result<u32>");
        assertThat(new ResultType(Optional.empty(), Optional.of(PrimitiveType.STRING))).hasToString("result<_, string>");
        assertThat(new ResultType(Optional.of(PrimitiveType.U32), Optional.of(PrimitiveType.STRING))).hasToString("result<u32, string>");
    }

    @Test
    void functionsInstancesComponents() {
        FuncType f = new FuncType(List.of(new FuncType.Param("a", PrimitiveType.U32)), Optional.of(PrimitiveType.STRING));
        assertThat(f).hasToString("func(a: u32) -> string");
        assertThat(new FuncType(List.of(), Optional.empty())).hasToString("func()");
        InstanceType i = new InstanceType(Map.of("fields", FIELDS));
        assertThat(i).hasToString("instance { fields: resource }");
        assertThat(new InstanceType(Map.of())).hasToString("instance { }");
        assertThat(new ComponentType(Map.of("f", f), Map.of("i", i)))
                .hasToString("component { import f: func(a: u32) -> string; export i: instance { fields: resource } }");
    }

    @Test
    void resourcesAreGenerative() {
        ResourceType a = new ResourceType("r", true);
        ResourceType b = new ResourceType("r", true);
        assertThat(a).isNotEqualTo(b);
        assertThat(new OwnType(a)).isNotEqualTo(new OwnType(b));
        assertThat(new OwnType(a)).isEqualTo(new OwnType(a));
    }
}
