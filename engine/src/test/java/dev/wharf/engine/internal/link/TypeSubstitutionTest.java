package dev.wharf.engine.internal.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.types.BorrowType;
import dev.wharf.engine.types.EnumType;
import dev.wharf.engine.types.FuncType;
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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypeSubstitutionTest {
    private final ResourceType guest = new ResourceType("fields", false);
    private final ResourceType host = new ResourceType("fields", false);
    private final ResourceType untouched = new ResourceType("other", false);

    private TypeSubstitution subst() {
        Map<ResourceType, ResourceType> m = new IdentityHashMap<>();
        m.put(guest, host);
        return new TypeSubstitution(m);
    }

    @Test
    void replacesResourcesAtAnyDepth() {
        ValType nested = new ResultType(Optional.of(new ListType(new TupleType(List.of(new OwnType(guest), PrimitiveType.STRING)))),
                Optional.of(new VariantType(List.of(new VariantType.Case("a", Optional.of(new BorrowType(guest))),
                        new VariantType.Case("b", Optional.empty())))));
        ValType expected = new ResultType(Optional.of(new ListType(new TupleType(List.of(new OwnType(host), PrimitiveType.STRING)))),
                Optional.of(new VariantType(List.of(new VariantType.Case("a", Optional.of(new BorrowType(host))),
                        new VariantType.Case("b", Optional.empty())))));
        assertThat(subst().apply(nested)).isEqualTo(expected).isNotEqualTo(nested);
        ValType record = new RecordType(List.of(new RecordType.Field("f", new OptionType(new OwnType(guest)))));
        assertThat(subst().apply(record)).isEqualTo(new RecordType(List.of(new RecordType.Field("f", new OptionType(new OwnType(host))))));
    }

    @Test
    void leavesOtherTypesAlone() {
        ValType e = new EnumType(List.of("x", "y"));
        assertThat(subst().apply(e)).isSameAs(e);
        assertThat(subst().apply(new OwnType(untouched))).isEqualTo(new OwnType(untouched));
        assertThat(subst().apply(PrimitiveType.U32)).isSameAs(PrimitiveType.U32);
    }

    @Test
    void functionTypesKeepParameterNames() {
        FuncType f = new FuncType(List.of(new FuncType.Param("self", new BorrowType(guest))), Optional.of(new OwnType(guest)));
        FuncType g = subst().apply(f);
        assertThat(g.params().get(0).name()).isEqualTo("self");
        assertThat(g).isEqualTo(new FuncType(List.of(new FuncType.Param("self", new BorrowType(host))), Optional.of(new OwnType(host))));
        assertThat(new TypeSubstitution(new IdentityHashMap<>()).apply(f)).isSameAs(f);
    }
}
