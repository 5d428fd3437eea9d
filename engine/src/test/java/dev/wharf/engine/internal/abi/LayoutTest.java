package dev.wharf.engine.internal.abi;

import static dev.wharf.engine.core.ValueType.F32;
import static dev.wharf.engine.core.ValueType.F64;
import static dev.wharf.engine.core.ValueType.I32;
import static dev.wharf.engine.core.ValueType.I64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.core.ValueType;
import dev.wharf.engine.types.BorrowType;
import dev.wharf.engine.types.EnumType;
import dev.wharf.engine.types.FlagsType;
import dev.wharf.engine.types.ListType;
import dev.wharf.engine.types.OptionType;
import dev.wharf.engine.types.OwnType;
import dev.wharf.engine.types.PrimitiveType;
import dev.wharf.engine.types.RecordType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.types.ResultType;
import dev.wharf.engine.types.TupleType;
import dev.wharf.engine.types.ValType;
import dev.wharf.engine.types.VariantType;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Sizes, alignments and flat types checked against values worked out by hand from CanonicalABI.md. */
class LayoutTest {

    static RecordType record(ValType... fields) {
        return new RecordType(IntStream.range(0, fields.length)
                .mapToObj(i -> new RecordType.Field("f" + i, fields[i])).toList());
    }

    static VariantType variant(ValType... payloads) {
        return new VariantType(IntStream.range(0, payloads.length)
                .mapToObj(i -> new VariantType.Case("c" + i, Optional.ofNullable(payloads[i]))).toList());
    }

    static VariantType emptyCases(int n) {
        return new VariantType(IntStream.range(0, n).mapToObj(i -> new VariantType.Case("c" + i, Optional.empty())).toList());
    }

    static FlagsType flags(int n) {
        return new FlagsType(IntStream.range(0, n).mapToObj(i -> "f" + i).toList());
    }

    static void assertLayout(ValType t, int size, int align, ValueType... flat) {
        Layout l = Layout.of(t);
        assertThat(l.size()).as("size of %s", t).isEqualTo(size);
        assertThat(l.alignment()).as("alignment of %s", t).isEqualTo(align);
        assertThat(l.flatTypes()).as("flat types of %s", t).containsExactly(flat);
    }

    @Test
    void primitives() {
        assertLayout(PrimitiveType.BOOL, 1, 1, I32);
        assertLayout(PrimitiveType.S8, 1, 1, I32);
        assertLayout(PrimitiveType.U16, 2, 2, I32);
        assertLayout(PrimitiveType.U32, 4, 4, I32);
        assertLayout(PrimitiveType.S64, 8, 8, I64);
        assertLayout(PrimitiveType.F32, 4, 4, F32);
        assertLayout(PrimitiveType.F64, 8, 8, F64);
        assertLayout(PrimitiveType.CHAR, 4, 4, I32);
        assertLayout(PrimitiveType.STRING, 8, 4, I32, I32);
        assertLayout(new ListType(PrimitiveType.U64), 8, 4, I32, I32);
        ResourceType r = new ResourceType("r", true);
        assertLayout(new OwnType(r), 4, 4, I32);
        assertLayout(new BorrowType(r), 4, 4, I32);
    }

    @Test
    void recordOfU8U32U8IsPaddedTo12() {
        RecordType t = record(PrimitiveType.U8, PrimitiveType.U32, PrimitiveType.U8);
        assertLayout(t, 12, 4, I32, I32, I32);
        Layout l = Layout.of(t);
        assertThat(List.of(l.fieldOffset(0), l.fieldOffset(1), l.fieldOffset(2))).containsExactly(0, 4, 8);
    }

    @Test
    void tupleAlignsEachField() {
        TupleType t = new TupleType(List.of(PrimitiveType.U8, PrimitiveType.U16, PrimitiveType.U64));
        assertLayout(t, 16, 8, I32, I32, I64);
        Layout l = Layout.of(t);
        assertThat(List.of(l.fieldOffset(0), l.fieldOffset(1), l.fieldOffset(2))).containsExactly(0, 2, 8);
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "2,1,1", "256,1,1", "257,2,2", "65536,2,2", "65537,4,4"})
    void discriminantGrowsWithCaseCount(int cases, int size, int discSize) {
        Layout l = Layout.of(emptyCases(cases));
        assertThat(l.discriminantSize()).isEqualTo(discSize);
        assertThat(l.size()).isEqualTo(size);
        assertThat(l.alignment()).isEqualTo(size);
        assertThat(l.flatTypes()).containsExactly(I32);
    }

    @Test
    void resultWithOnlyAStringError() {
        ResultType t = new ResultType(Optional.empty(), Optional.of(PrimitiveType.STRING));
        assertLayout(t, 12, 4, I32, I32, I32);
        assertThat(Layout.of(t).payloadOffset()).isEqualTo(4);
        assertLayout(new ResultType(Optional.empty(), Optional.empty()), 1, 1, I32);
    }

    @Test
    void optionOfF64PutsThePayloadAt8() {
        OptionType t = new OptionType(PrimitiveType.F64);
        assertLayout(t, 16, 8, I32, F64);
        assertThat(Layout.of(t).payloadOffset()).isEqualTo(8);
    }

    @Test
    void variantFlatTypesAreJoined() {
        assertLayout(variant(PrimitiveType.F32, PrimitiveType.U32), 8, 4, I32, I32);
        assertLayout(variant(PrimitiveType.F32, PrimitiveType.F64), 16, 8, I32, I64);
        assertLayout(variant(PrimitiveType.F32, PrimitiveType.U64), 16, 8, I32, I64);
        assertLayout(variant(PrimitiveType.F32), 8, 4, I32, F32);
        assertLayout(variant(PrimitiveType.F32, null), 8, 4, I32, F32);
        assertLayout(variant(PrimitiveType.U8, PrimitiveType.STRING, PrimitiveType.F64), 16, 8, I32, I64, I32);
        // u8 payload: disc 1 byte, payload at 1, size 2, align 1
        assertLayout(variant(PrimitiveType.U8, null), 2, 1, I32, I32);
    }

    @Test
    void enumIsAVariantWithoutPayloads() {
        assertLayout(new EnumType(List.of("a", "b", "c")), 1, 1, I32);
    }

    @ParameterizedTest
    @CsvSource({"1,1,1,1", "8,1,1,1", "9,2,2,1", "16,2,2,1", "17,4,4,1", "32,4,4,1", "33,8,4,2", "64,8,4,2", "65,12,4,3"})
    void flagsPackIntoTheSmallestInteger(int n, int size, int align, int flatCount) {
        Layout l = Layout.of(flags(n));
        assertThat(l.size()).isEqualTo(size);
        assertThat(l.alignment()).isEqualTo(align);
        assertThat(l.flatCount()).isEqualTo(flatCount);
        assertThat(l.flatTypes()).containsOnly(I32);
    }

    @Test
    void nestedVariantFlattensToFiveValues() {
        ValType t = nestedVariant();
        Layout l = Layout.of(t);
        // a: list -> (i32, i32); b: option<result<string, u8>> -> (i32, i32, i32, i32)
        assertThat(l.flatTypes()).containsExactly(I32, I32, I32, I32, I32);
        // b payload: option disc@0, result@4 (disc@4, payload@8, size 12 -> option size 16)
        assertThat(l.size()).isEqualTo(20);
        assertThat(l.payloadOffset()).isEqualTo(4);
    }

    static ValType nestedVariant() {
        RecordType item = new RecordType(List.of(new RecordType.Field("x", PrimitiveType.U32),
                new RecordType.Field("s", PrimitiveType.STRING)));
        return new VariantType(List.of(
                new VariantType.Case("a", Optional.of(new ListType(item))),
                new VariantType.Case("b", Optional.of(new OptionType(new ResultType(Optional.of(PrimitiveType.STRING),
                        Optional.of(PrimitiveType.U8)))))));
    }

    @Test
    void emptyTypesAreRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Layout.of(new RecordType(List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty types");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Layout.of(new TupleType(List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Layout.of(flags(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void layoutsAreCachedByStructuralEquality() {
        Layout a = Layout.of(record(PrimitiveType.U8, PrimitiveType.STRING));
        Layout b = Layout.of(record(PrimitiveType.U8, PrimitiveType.STRING));
        assertThat(a).isSameAs(b);
        ResourceType r1 = new ResourceType("r", true);
        ResourceType r2 = new ResourceType("r", true);
        assertThat(Layout.of(new OwnType(r1)).resource()).isSameAs(r1);
        assertThat(Layout.of(new OwnType(r2)).resource()).isSameAs(r2);
    }
}
