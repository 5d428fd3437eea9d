package dev.wharf.engine.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentParser;
import dev.wharf.engine.InvalidComponentException;
import dev.wharf.engine.ParsedComponent;
import dev.wharf.engine.UnsupportedComponentFeatureException;
import dev.wharf.engine.testing.BinaryWriter;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Validation rules, on components written byte by byte. */
class ValidationTest {
    private static final int U32 = 0x79;
    private static final int STRING = 0x73;

    private static ParsedComponent parse(BinaryWriter w) {
        return ComponentParser.parse(w.toByteArray());
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> invalid(BinaryWriter w) {
        return assertThatThrownBy(() -> parse(w)).isInstanceOf(InvalidComponentException.class);
    }

    @SafeVarargs
    private static BinaryWriter types(Consumer<BinaryWriter>... types) {
        return BinaryWriter.component().vecSection(7, types);
    }

    /** A core module exporting a memory "m" and functions "f" (i32,i32)->() and "r" realloc, instantiated as core instance 0. */
    private static BinaryWriter withCoreInstance() {
        byte[] module = BinaryWriter.bytes().raw(BinaryWriter.CORE_PREAMBLE)
                .section(1, w -> w.vec(t -> t.u8(0x60).vec(p -> p.u8(0x7f), p -> p.u8(0x7f)).u32(0)))
                .section(3, w -> w.vec(f -> f.u32(0)))
                .section(5, w -> w.vec(m -> m.u8(0x00).u32(1)))
                .section(7, w -> w.vec(e -> e.name("m").u8(0x02).u32(0), e -> e.name("f").u8(0x00).u32(0)))
                .section(10, w -> w.vec(b -> b.u32(2).u32(0).u8(0x0b)))
                .toByteArray();
        return BinaryWriter.component()
                .section(1, w -> w.raw(module))
                .vecSection(2, w -> w.u8(0x00).u32(0).u32(0))
                .vecSection(6, a -> a.u8(0x00, 0x02).u8(0x01).u32(0).name("m"), a -> a.u8(0x00, 0x00).u8(0x01).u32(0).name("f"));
    }

    @Test
    void typesResolveAndPrint() {
        ParsedComponent c = parse(types(
                        t -> t.u8(0x72).vec(f -> f.name("a").u8(U32), f -> f.name("b").u8(STRING)),
                        t -> t.u8(0x70).u32(0),
                        t -> t.u8(0x6a).u8(0x01).u8(U32).u8(0x01).u8(STRING),
                        t -> t.u8(0x40).vec(p -> p.name("xs").u32(1)).u8(0x00).u32(2))
                .vecSection(10, i -> i.externName("f").u8(0x01).u32(3)));
        assertThat(c.imports().get(0).toString()).isEqualTo("f: func(xs: list<record { a: u32, b: string }>) -> result<u32, string>");
    }

    @Test
    void valTypeIndexMustBeAValueType() {
        invalid(types(t -> t.u8(0x40).u32(0).u8(0x01, 0x00), t -> t.u8(0x70).u32(0)))
                .hasMessage("type section: type 1 at offset 15: type index 0 is not a value type (it is func())");
    }

    @Test
    void typeIndexOutOfRange() {
        invalid(types(t -> t.u8(0x70).u32(5))).hasMessage("type section: type 0 at offset 11: type index 5 is out of range (the type index space has 0 entries)");
    }

    @Test
    void duplicateAndMalformedLabels() {
        invalid(types(t -> t.u8(0x72).vec(f -> f.name("a").u8(U32), f -> f.name("A").u8(U32)))).hasMessageContaining("duplicate record field 'A'");
        invalid(types(t -> t.u8(0x6d).vec(l -> l.name("no_underscores")))).hasMessageContaining("enum case 'no_underscores' is not a kebab-case label");
        invalid(types(t -> t.u8(0x40).vec(p -> p.name("x").u8(U32), p -> p.name("x").u8(U32)).u8(0x01, 0x00))).hasMessageContaining("duplicate parameter 'x'");
    }

    @Test
    void tooManyFlags() {
        invalid(types(t -> {
            t.u8(0x6e).u32(33);
            for (int i = 0; i < 33; i++) {
                t.name("f" + i);
            }
        })).hasMessageContaining("flags type has 33 flags (at most 32 allowed)");
    }

    @Test
    void borrowInResultIsInvalid() {
        invalid(BinaryWriter.component().vecSection(10, i -> i.externName("r").u8(0x03).u8(0x01))
                .vecSection(7, t -> t.u8(0x68).u32(0), t -> t.u8(0x40).u32(0).u8(0x00).u32(1)))
                .hasMessageContaining("function result type borrow<r> contains a borrow handle");
    }

    @Test
    void resourceDefinitionsAreNotAllowedInTypes() {
        invalid(types(t -> t.u8(0x42).vec(d -> d.u8(0x01).u8(0x3f).u8(0x7f).u8(0x00))))
                .hasMessageContaining("resource type definitions are not allowed inside component or instance types");
    }

    @Test
    void deepTypesAreRejected() {
        Consumer<BinaryWriter>[] chain = new Consumer[TypeMetrics.MAX_DEPTH + 2];
        chain[0] = t -> t.u8(0x70).u8(U32);
        for (int i = 1; i < chain.length; i++) {
            int prev = i - 1;
            chain[i] = t -> t.u8(0x70).valTypeIndex(prev);
        }
        invalid(types(chain)).hasMessageContaining("type nesting deeper than 100");
    }

    @Test
    void exponentiallyLargeTypesAreRejectedQuickly() {
        Consumer<BinaryWriter>[] chain = new Consumer[60];
        chain[0] = t -> t.u8(0x6f).vec(e -> e.u8(U32), e -> e.u8(U32));
        for (int i = 1; i < chain.length; i++) {
            int prev = i - 1;
            chain[i] = t -> t.u8(0x6f).vec(e -> e.valTypeIndex(prev), e -> e.valTypeIndex(prev));
        }
        invalid(types(chain)).hasMessageContaining("type has more than 100000 nodes");
    }

    @Test
    void outerAliasBeyondEnclosingScopes() {
        invalid(types(t -> t.u8(0x42).vec(d -> d.u8(0x02).u8(0x03).u8(0x02).u32(2).u32(0))))
                .hasMessageContaining("outer alias count 2 exceeds the number of enclosing scopes");
    }

    @Test
    void aliasSortMismatch() {
        invalid(types(t -> t.u8(0x42).vec(d -> d.u8(0x01).u8(0x40).u32(0).u8(0x01, 0x00), d -> d.u8(0x04).externName("f").u8(0x01).u32(0)))
                .vecSection(10, i -> i.externName("i").u8(0x05).u32(0))
                .vecSection(6, a -> a.u8(0x05).u8(0x00).u32(0).name("f")))
                .hasMessageContaining("alias of export 'f' of instance 0 as a instance, but it is a func");
    }

    @Test
    void liftNeedsMemoryAndRealloc() {
        BinaryWriter noRealloc = withCoreInstance()
                .vecSection(7, t -> t.u8(0x40).vec(p -> p.name("s").u8(STRING)).u8(0x01, 0x00))
                .vecSection(8, c -> c.u8(0x00, 0x00).u32(0).vec(o -> o.u8(0x03).u32(0)).u32(0));
        invalid(noRealloc).hasMessageContaining("canon lift of func(s: string) needs a realloc option");
        BinaryWriter badMemory = withCoreInstance()
                .vecSection(7, t -> t.u8(0x40).vec(p -> p.name("s").u8(STRING)).u8(0x01, 0x00))
                .vecSection(8, c -> c.u8(0x00, 0x00).u32(0).vec(o -> o.u8(0x03).u32(4)).u32(0));
        invalid(badMemory).hasMessageContaining("memory option: core memory index 4 is out of range");
    }

    @Test
    void liftOfNonFunctionType() {
        invalid(withCoreInstance().vecSection(7, t -> t.u8(U32)).vecSection(8, c -> c.u8(0x00, 0x00).u32(0).u32(0).u32(0)))
                .hasMessageContaining("canon lift type index 0 is not a function type (it is u32)");
    }

    @Test
    void postReturnOnlyOnLift() {
        invalid(withCoreInstance()
                .vecSection(7, t -> t.u8(0x40).u32(0).u8(0x01, 0x00))
                .vecSection(10, i -> i.externName("g").u8(0x01).u32(0))
                .vecSection(8, c -> c.u8(0x01, 0x00).u32(0).vec(o -> o.u8(0x05).u32(0))))
                .hasMessageContaining("post-return is only allowed on canon lift");
    }

    @Test
    void liftWithSmallSignatureNeedsNoOptions() {
        ParsedComponent c = parse(withCoreInstance()
                .vecSection(7, t -> t.u8(0x40).vec(p -> p.name("a").u8(U32), p -> p.name("b").u8(U32)).u8(0x01, 0x00))
                .vecSection(8, c2 -> c2.u8(0x00, 0x00).u32(0).u32(0).u32(0))
                .vecSection(11, e -> e.externName("run").u8(0x01).u32(0).u8(0x00)));
        assertThat(c.exports().get(0).toString()).isEqualTo("run: func(a: u32, b: u32)");
    }

    @Test
    void coreAliasOfUnknownInlineExport() {
        invalid(withCoreInstance()
                .vecSection(2, i -> i.u8(0x01).vec(e -> e.name("g").u8(0x00).u32(0)))
                .vecSection(6, a -> a.u8(0x00, 0x00).u8(0x01).u32(1).name("h")))
                .hasMessageContaining("alias of export 'h' of core instance 1, which has no such export");
    }

    @Test
    void coreFuncsCannotBeExported() {
        invalid(withCoreInstance().vecSection(11, e -> e.externName("f").u8(0x00, 0x00).u32(0).u8(0x00)))
                .hasMessageContaining("a core func cannot be exported from a component");
    }

    @Test
    void instantiationMustSupplyEveryImport() {
        byte[] child = BinaryWriter.component().vecSection(7, t -> t.u8(0x40).u32(0).u8(0x01, 0x00))
                .vecSection(10, i -> i.externName("needed").u8(0x01).u32(0)).toByteArray();
        invalid(BinaryWriter.component().section(4, w -> w.raw(child)).vecSection(5, i -> i.u8(0x00).u32(0).u32(0)))
                .hasMessageContaining("component 0 import 'needed' is not supplied");
    }

    @Test
    void annotatedNamesNeedTheirResource() {
        invalid(types(t -> t.u8(0x42).vec(d -> d.u8(0x01).u8(0x40).u32(0).u8(0x01, 0x00),
                d -> d.u8(0x04).externName("[method]thing.poke").u8(0x01).u32(0))))
                .hasMessageContaining("refers to resource 'thing', which is not a preceding resource export");
    }

    @Test
    void implementsAttributeOnlyOnInstances() {
        invalid(types(t -> t.u8(0x40).u32(0).u8(0x01, 0x00))
                .vecSection(10, i -> i.u8(0x02).name("store").vec(a -> a.u8(0x00).name("wasi:keyvalue/store@0.2.0")).u8(0x01).u32(0)))
                .hasMessageContaining("has an implements attribute but is not a plain-named instance");
    }

    @Test
    void duplicateImportNames() {
        invalid(types(t -> t.u8(0x40).u32(0).u8(0x01, 0x00))
                .vecSection(10, i -> i.externName("a").u8(0x01).u32(0), i -> i.externName("a").u8(0x01).u32(0)))
                .hasMessageContaining("duplicate import name 'a'");
    }

    @Test
    void asyncAndMiscFeaturesAreUnsupported() {
        assertThatThrownBy(() -> parse(types(t -> t.u8(0x43).u32(0).u8(0x01, 0x00))))
                .isInstanceOf(UnsupportedComponentFeatureException.class).hasMessageStartingWith("not supported yet: async function type");
        assertThatThrownBy(() -> parse(types(t -> t.u8(0x65).u8(0x00))))
                .isInstanceOf(UnsupportedComponentFeatureException.class).hasMessageStartingWith("not supported yet: future type");
        assertThatThrownBy(() -> parse(types(t -> t.u8(0x63).u8(STRING).u8(U32))))
                .isInstanceOf(UnsupportedComponentFeatureException.class).hasMessageStartingWith("not supported yet: map type");
        assertThatThrownBy(() -> parse(types(t -> t.u8(0x64))))
                .isInstanceOf(UnsupportedComponentFeatureException.class).hasMessageStartingWith("not supported yet: error-context type");
        assertThatThrownBy(() -> parse(BinaryWriter.component().vecSection(10, i -> i.externName("v").u8(0x02).u8(0x01).u8(U32))))
                .isInstanceOf(UnsupportedComponentFeatureException.class).hasMessageStartingWith("not supported yet: value imports/exports");
        assertThatThrownBy(() -> parse(BinaryWriter.component().vecSection(8, c -> c.u8(0x1f))))
                .isInstanceOf(UnsupportedComponentFeatureException.class).hasMessageStartingWith("not supported yet: canon waitable-set.new");
    }

    @Test
    void exponentiallyLargeInstanceTypesAreRejectedQuickly() {
        // instance type i exports two instances of type i-1: printing it would take 2^60 steps
        Consumer<BinaryWriter>[] chain = new Consumer[60];
        chain[0] = t -> t.u8(0x42).u32(0);
        for (int i = 1; i < chain.length; i++) {
            int prev = i - 1;
            chain[i] = t -> t.u8(0x42).vec(d -> d.u8(0x02).u8(0x03).u8(0x02).u32(1).u32(prev),
                    d -> d.u8(0x04).externName("a").u8(0x05).u32(0), d -> d.u8(0x04).externName("b").u8(0x05).u32(0));
        }
        invalid(types(chain)).hasMessageContaining("type has more than 100000 nodes");
    }

    @Test
    void ascribedFuncTypeMustMatch() {
        invalid(types(t -> t.u8(0x40).u32(0).u8(0x01, 0x00), t -> t.u8(0x40).u32(0).u8(0x00).u8(U32))
                .vecSection(10, i -> i.externName("f").u8(0x01).u32(0))
                .vecSection(11, e -> e.externName("g").u8(0x01).u32(0).u8(0x01).u8(0x01).u32(1)))
                .hasMessageContaining("exported func() does not match its ascribed type func() -> u32");
    }

    @Test
    void instantiationArgumentTypesMustMatch() {
        byte[] child = BinaryWriter.component().vecSection(7, t -> t.u8(0x40).vec(p -> p.name("x").u8(U32)).u8(0x01, 0x00))
                .vecSection(10, i -> i.externName("f").u8(0x01).u32(0)).toByteArray();
        invalid(BinaryWriter.component()
                .vecSection(7, t -> t.u8(0x40).vec(p -> p.name("x").u8(STRING)).u8(0x01, 0x00))
                .vecSection(10, i -> i.externName("f").u8(0x01).u32(0))
                .section(4, w -> w.raw(child))
                .vecSection(5, i -> i.u8(0x00).u32(0).vec(a -> a.name("f").u8(0x01).u32(0))))
                .hasMessageContaining("component 0 import 'f' needs func(x: u32) but the argument is func(x: string)");
    }

    @Test
    void resourceFunctionsHaveTheRightShape() {
        // instance type: export resource r; a [method] whose first param is not self: borrow<r>
        invalid(types(t -> t.u8(0x42).vec(
                d -> d.u8(0x04).externName("r").u8(0x03).u8(0x01),
                d -> d.u8(0x01).u8(0x40).vec(p -> p.name("x").u8(U32)).u8(0x01, 0x00),
                d -> d.u8(0x04).externName("[method]r.poke").u8(0x01).u32(1))))
                .hasMessageContaining("method '[method]r.poke' must take (self: borrow<r>) first, not func(x: u32)");
        invalid(types(t -> t.u8(0x42).vec(
                d -> d.u8(0x04).externName("r").u8(0x03).u8(0x01),
                d -> d.u8(0x01).u8(0x40).u32(0).u8(0x00).u8(U32),
                d -> d.u8(0x04).externName("[constructor]r").u8(0x01).u32(1))))
                .hasMessageContaining("constructor '[constructor]r' must return own<r> (or a result of it), not func() -> u32");
    }

    @Test
    void versionSuffixNeedsACanonicalVersion() {
        invalid(types(t -> t.u8(0x42).u32(0))
                .vecSection(10, i -> i.u8(0x02).name("wasi:http/types@0.2.0").vec(a -> a.u8(0x01).name("-rc.1")).u8(0x05).u32(0)))
                .hasMessageContaining("versionsuffix '-rc.1' on 'wasi:http/types@0.2.0', which does not end in a canonical version");
        ParsedComponent ok = parse(types(t -> t.u8(0x42).u32(0))
                .vecSection(10, i -> i.u8(0x02).name("wasi:http/types@0.2").vec(a -> a.u8(0x01).name(".0-rc.1")).u8(0x05).u32(0)));
        assertThat(ok.imports().get(0).name()).isEqualTo("wasi:http/types@0.2");
    }
}
