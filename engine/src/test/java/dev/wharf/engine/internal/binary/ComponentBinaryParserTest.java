package dev.wharf.engine.internal.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentException;
import dev.wharf.engine.MalformedComponentException;
import dev.wharf.engine.UnsupportedComponentFeatureException;
import dev.wharf.engine.internal.binary.ast.Alias;
import dev.wharf.engine.internal.binary.ast.Canon;
import dev.wharf.engine.internal.binary.ast.CanonOpt;
import dev.wharf.engine.internal.binary.ast.ComponentAst;
import dev.wharf.engine.internal.binary.ast.CoreInstanceExpr;
import dev.wharf.engine.internal.binary.ast.CoreType;
import dev.wharf.engine.internal.binary.ast.Decl;
import dev.wharf.engine.internal.binary.ast.DefType;
import dev.wharf.engine.internal.binary.ast.Definition;
import dev.wharf.engine.internal.binary.ast.ExternDesc;
import dev.wharf.engine.internal.binary.ast.InstanceExpr;
import dev.wharf.engine.internal.binary.ast.PrimValType;
import dev.wharf.engine.internal.binary.ast.Sort;
import dev.wharf.engine.internal.binary.ast.SortIdx;
import dev.wharf.engine.internal.binary.ast.ValTypeRef;
import dev.wharf.engine.testing.BinaryWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ComponentBinaryParserTest {
    private static ComponentAst parse(BinaryWriter w) {
        return ComponentBinaryParser.parse(w.toByteArray());
    }

    private static Definition only(BinaryWriter w) {
        List<Definition> defs = parse(w).definitions();
        assertThat(defs).hasSize(1);
        return defs.get(0);
    }

    private static DefType type(Consumer<BinaryWriter> body) {
        return ((Definition.TypeDef) only(BinaryWriter.component().vecSection(7, body))).type();
    }

    private static Canon canon(Consumer<BinaryWriter> body) {
        return ((Definition.CanonDef) only(BinaryWriter.component().vecSection(8, body))).canon();
    }

    // ---- preamble ----

    @Test
    void emptyComponentParses() {
        assertThat(parse(BinaryWriter.component()).definitions()).isEmpty();
    }

    @Test
    void coreModuleIsRecognised() {
        assertThatThrownBy(() -> ComponentBinaryParser.parse(BinaryWriter.emptyCoreModule()))
                .isInstanceOf(MalformedComponentException.class)
                .hasMessageContaining("this is a core WebAssembly module, not a component");
    }

    @Test
    void badMagicAndVersionAreReported() {
        assertThatThrownBy(() -> ComponentBinaryParser.parse(new byte[] {1, 2, 3, 4, 0x0d, 0, 1, 0}))
                .isInstanceOf(MalformedComponentException.class).hasMessageContaining("magic");
        assertThatThrownBy(() -> ComponentBinaryParser.parse(new byte[] {0, 0x61, 0x73, 0x6d, 0x0c, 0, 1, 0}))
                .isInstanceOf(MalformedComponentException.class).hasMessageContaining("version 0xc");
        assertThatThrownBy(() -> ComponentBinaryParser.parse(new byte[] {0, 0x61, 0x73, 0x6d}))
                .isInstanceOf(MalformedComponentException.class).hasMessageContaining("preamble");
        assertThatThrownBy(() -> ComponentBinaryParser.parse(new byte[] {0, 0x61, 0x73, 0x6d, 0x0d, 0, 2, 0}))
                .isInstanceOf(MalformedComponentException.class).hasMessageContaining("layer");
    }

    @Test
    void unknownSectionIdIsReported() {
        assertThatThrownBy(() -> parse(BinaryWriter.component().u8(13, 0)))
                .isInstanceOf(MalformedComponentException.class)
                .hasMessageContaining("expected a section id 0..12, found 13")
                .extracting(e -> ((MalformedComponentException) e).offset()).isEqualTo(8L);
    }

    @Test
    void sectionLengthBeyondInputIsReported() {
        assertThatThrownBy(() -> parse(BinaryWriter.component().u8(7).u32(0xffffffffL).u8(0, 0)))
                .isInstanceOf(MalformedComponentException.class)
                .hasMessageContaining("length 4294967295 of section 7 (type) at offset 9 exceeds the 2 bytes left");
    }

    @Test
    void trailingBytesInSectionAreReported() {
        assertThatThrownBy(() -> parse(BinaryWriter.component().section(7, w -> w.u32(0).u8(0x7f))))
                .isInstanceOf(MalformedComponentException.class).hasMessageContaining("trailing");
    }

    // ---- sections ----

    @Test
    void customSection() {
        var d = (Definition.Custom) only(BinaryWriter.component().section(0, w -> w.name("hello").u8(1, 2, 3)));
        assertThat(d.name()).isEqualTo("hello");
        assertThat(d.payloadLength()).isEqualTo(3);
    }

    @Test
    void coreModuleSectionKeepsSlice() {
        byte[] module = BinaryWriter.emptyCoreModule();
        ComponentAst ast = parse(BinaryWriter.component().section(1, w -> w.raw(module)));
        var m = (Definition.CoreModule) ast.definitions().get(0);
        assertThat(m.length()).isEqualTo(8);
        assertThat(ast.coreModuleBytes(m)).isEqualTo(module);
    }

    @Test
    void coreModuleSectionMustHoldACoreModule() {
        assertThatThrownBy(() -> parse(BinaryWriter.component().section(1, w -> w.raw(BinaryWriter.COMPONENT_PREAMBLE))))
                .isInstanceOf(MalformedComponentException.class).hasMessageContaining("core module version 1");
    }

    @Test
    void coreInstanceSection() {
        ComponentAst ast = parse(BinaryWriter.component().vecSection(2,
                w -> w.u8(0x00).u32(0).vec(a -> a.name("env").u8(0x12).u32(1)),
                w -> w.u8(0x01).vec(e -> e.name("memory").u8(0x02).u32(0), e -> e.name("f").u8(0x00).u32(3))));
        var i0 = (CoreInstanceExpr.Instantiate) ((Definition.CoreInstance) ast.definitions().get(0)).expr();
        assertThat(i0.moduleIndex()).isZero();
        assertThat(i0.args()).containsExactly(new CoreInstanceExpr.Arg("env", 1));
        var i1 = (CoreInstanceExpr.InlineExports) ((Definition.CoreInstance) ast.definitions().get(1)).expr();
        assertThat(i1.exports()).extracting(CoreInstanceExpr.CoreExport::target)
                .containsExactly(new SortIdx(Sort.CORE_MEMORY, 0), new SortIdx(Sort.CORE_FUNC, 3));
    }

    @Test
    void coreTypeSection() {
        ComponentAst ast = parse(BinaryWriter.component().vecSection(3,
                w -> w.u8(0x60).vec(p -> p.u8(0x7f), p -> p.u8(0x7e)).vec(r -> r.u8(0x7d)),
                w -> w.u8(0x50).vec(
                        d -> d.u8(0x01).u8(0x60).u32(0).u32(0),
                        d -> d.u8(0x00).name("env").name("f").u8(0x00).u32(0),
                        d -> d.u8(0x00).name("env").name("mem").u8(0x02).u8(0x01).u32(1).u32(2),
                        d -> d.u8(0x02).u8(0x10, 0x01).u32(1).u32(0),
                        d -> d.u8(0x03).name("g").u8(0x03).u8(0x7f).u8(0x01))));
        var f = (CoreType.Func) ((Definition.CoreTypeDef) ast.definitions().get(0)).type();
        assertThat(f.params()).containsExactly(0x7f, 0x7e);
        assertThat(f.results()).containsExactly(0x7d);
        var m = (CoreType.Module) ((Definition.CoreTypeDef) ast.definitions().get(1)).type();
        assertThat(m.decls()).hasSize(5);
        assertThat(m.decls().get(2)).isEqualTo(new CoreType.ImportDecl("env", "mem", new CoreType.MemoryDesc(1, 2L, false, false)));
        assertThat(m.decls().get(4)).isEqualTo(new CoreType.ExportDecl("g", new CoreType.GlobalDesc(0x7f, true)));
    }

    @Test
    void gcCoreTypesAreUnsupported() {
        assertThatThrownBy(() -> parse(BinaryWriter.component().vecSection(3, w -> w.u8(0x5f).u32(0))))
                .isInstanceOf(UnsupportedComponentFeatureException.class)
                .hasMessageContaining("not supported yet: WebAssembly GC core types");
    }

    @Test
    void nestedComponentSection() {
        BinaryWriter inner = BinaryWriter.component().vecSection(7, w -> w.u8(0x7f));
        ComponentAst ast = parse(BinaryWriter.component().section(4, w -> w.raw(inner.toByteArray())));
        var n = (Definition.NestedComponent) ast.definitions().get(0);
        assertThat(n.component().definitions()).hasSize(1);
    }

    @Test
    void nestingDepthIsBounded() {
        byte[] c = BinaryWriter.component().toByteArray();
        for (int i = 0; i < ComponentBinaryParser.MAX_NESTING + 5; i++) {
            byte[] inner = c;
            c = BinaryWriter.component().section(4, w -> w.raw(inner)).toByteArray();
        }
        byte[] deep = c;
        assertThatThrownBy(() -> ComponentBinaryParser.parse(deep))
                .isInstanceOf(MalformedComponentException.class).hasMessageContaining("nested more than");
    }

    @Test
    void typeNestingDepthIsBounded() {
        // instance type containing an instance type containing ... (each one declarator deep)
        BinaryWriter t = BinaryWriter.bytes().u8(0x42).u32(0);
        for (int i = 0; i < ComponentBinaryParser.MAX_NESTING + 5; i++) {
            byte[] inner = t.toByteArray();
            t = BinaryWriter.bytes().u8(0x42).u32(1).u8(0x01).raw(inner);
        }
        byte[] body = t.toByteArray();
        assertThatThrownBy(() -> parse(BinaryWriter.component().vecSection(7, w -> w.raw(body))))
                .isInstanceOf(MalformedComponentException.class).hasMessageContaining("nested more than");
    }

    @Test
    void instanceSection() {
        ComponentAst ast = parse(BinaryWriter.component().vecSection(5,
                w -> w.u8(0x00).u32(2).vec(a -> a.name("x").u8(0x01).u32(4), a -> a.name("m").u8(0x00, 0x11).u32(0)),
                w -> w.u8(0x01).vec(e -> e.externName("run").u8(0x01).u32(0))));
        var i0 = (InstanceExpr.Instantiate) ((Definition.Instance) ast.definitions().get(0)).expr();
        assertThat(i0.args()).containsExactly(new InstanceExpr.Arg("x", new SortIdx(Sort.FUNC, 4)),
                new InstanceExpr.Arg("m", new SortIdx(Sort.CORE_MODULE, 0)));
        var i1 = (InstanceExpr.InlineExports) ((Definition.Instance) ast.definitions().get(1)).expr();
        assertThat(i1.exports().get(0).name().name()).isEqualTo("run");
    }

    @Test
    void aliasSection() {
        ComponentAst ast = parse(BinaryWriter.component().vecSection(6,
                w -> w.u8(0x01).u8(0x00).u32(0).name("get"),
                w -> w.u8(0x00, 0x02).u8(0x01).u32(1).name("memory"),
                w -> w.u8(0x03).u8(0x02).u32(1).u32(5)));
        assertThat(((Definition.AliasDef) ast.definitions().get(0)).alias()).isEqualTo(new Alias.InstanceExport(Sort.FUNC, 0, "get", 11));
        assertThat(((Definition.AliasDef) ast.definitions().get(1)).alias())
                .isEqualTo(new Alias.CoreInstanceExport(Sort.CORE_MEMORY, 1, "memory", 18));
        assertThat(((Definition.AliasDef) ast.definitions().get(2)).alias()).isEqualTo(new Alias.Outer(Sort.TYPE, 1, 5, 29));
    }

    @Test
    void startSection() {
        var s = (Definition.Start) only(BinaryWriter.component().section(9, w -> w.u32(2).vec(a -> a.u32(0)).u32(1)));
        assertThat(s.funcIndex()).isEqualTo(2);
        assertThat(s.args()).containsExactly(0);
        assertThat(s.results()).isEqualTo(1);
    }

    @Test
    void importSectionWithAllExternTypes() {
        ComponentAst ast = parse(BinaryWriter.component().vecSection(10,
                w -> w.externName("m").u8(0x00, 0x11).u32(0),
                w -> w.externName("f").u8(0x01).u32(1),
                w -> w.externName("v").u8(0x02).u8(0x01).u8(0x73),
                w -> w.externName("t").u8(0x03).u8(0x00).u32(2),
                w -> w.externName("r").u8(0x03).u8(0x01),
                w -> w.externName("c").u8(0x04).u32(3),
                w -> w.externName("wasi:http/types@0.2.0").u8(0x05).u32(4)));
        assertThat(ast.definitions()).extracting(d -> ((Definition.Import) d).desc()).containsExactly(
                new ExternDesc.CoreModule(0), new ExternDesc.Func(1),
                new ExternDesc.Value(Optional.empty(), Optional.of(new ValTypeRef.Prim(PrimValType.STRING))),
                new ExternDesc.Type(Optional.of(2)), new ExternDesc.Type(Optional.empty()),
                new ExternDesc.Component(3), new ExternDesc.Instance(4));
    }

    @Test
    void namesWithAttributes() {
        var im = (Definition.Import) only(BinaryWriter.component().vecSection(10,
                w -> w.u8(0x02).name("my-store").vec(a -> a.u8(0x00).name("wasi:keyvalue/store@0.2.0"), a -> a.u8(0x01).name("rc.1"))
                        .u8(0x05).u32(0)));
        assertThat(im.name().name()).isEqualTo("my-store");
        assertThat(im.name().implementsName()).contains("wasi:keyvalue/store@0.2.0");
        assertThat(im.name().versionSuffix()).contains("rc.1");
        var legacy = (Definition.Import) only(BinaryWriter.component().vecSection(10, w -> w.u8(0x01).name("x").u8(0x01).u32(0)));
        assertThat(legacy.name().name()).isEqualTo("x");
        assertThatThrownBy(() -> parse(BinaryWriter.component().vecSection(10, w -> w.u8(0x03).name("x").u8(0x01).u32(0))))
                .isInstanceOf(MalformedComponentException.class).hasMessageContaining("name kind");
    }

    @Test
    void exportSection() {
        ComponentAst ast = parse(BinaryWriter.component().vecSection(11,
                w -> w.externName("run").u8(0x01).u32(0).u8(0x00),
                w -> w.externName("t").u8(0x03).u32(1).u8(0x01).u8(0x03).u8(0x01)));
        var e0 = (Definition.Export) ast.definitions().get(0);
        assertThat(e0.target()).isEqualTo(new SortIdx(Sort.FUNC, 0));
        assertThat(e0.ascribed()).isEmpty();
        var e1 = (Definition.Export) ast.definitions().get(1);
        assertThat(e1.ascribed()).contains(new ExternDesc.Type(Optional.empty()));
    }

    @Test
    void valueSectionIsKeptRaw() {
        var v = (Definition.Values) only(BinaryWriter.component().section(12, w -> w.u32(1).u8(0x7f).u32(1).u8(1)));
        assertThat(v.count()).isEqualTo(1);
    }

    // ---- type constructors ----

    @Test
    void primitiveTypes() {
        for (PrimValType p : PrimValType.values()) {
            assertThat(type(w -> w.u8(p.code()))).isEqualTo(new DefType.Primitive(p, 11));
        }
    }

    @Test
    void recordVariantListTuple() {
        assertThat(type(w -> w.u8(0x72).vec(f -> f.name("a").u8(0x79), f -> f.name("b").u32(3))))
                .isEqualTo(new DefType.Record(List.of(new DefType.Labeled("a", new ValTypeRef.Prim(PrimValType.U32)),
                        new DefType.Labeled("b", new ValTypeRef.Idx(3))), 11));
        assertThat(type(w -> w.u8(0x71).vec(c -> c.name("none").u8(0x00).u8(0x00), c -> c.name("some").u8(0x01).u8(0x73).u8(0x00))))
                .isEqualTo(new DefType.Variant(List.of(new DefType.Case("none", Optional.empty()),
                        new DefType.Case("some", Optional.of(new ValTypeRef.Prim(PrimValType.STRING)))), 11));
        assertThat(type(w -> w.u8(0x70).u8(0x7d))).isEqualTo(new DefType.ListOf(new ValTypeRef.Prim(PrimValType.U8), 11));
        assertThat(type(w -> w.u8(0x67).u8(0x7d).u32(4))).isEqualTo(new DefType.FixedList(new ValTypeRef.Prim(PrimValType.U8), 4, 11));
        assertThat(type(w -> w.u8(0x6f).vec(t -> t.u8(0x7d), t -> t.u32(0)))).isInstanceOf(DefType.Tuple.class);
    }

    @Test
    void emptyAggregatesAreMalformed() {
        assertThatThrownBy(() -> type(w -> w.u8(0x72).u32(0))).hasMessageContaining("record type must have at least one field");
        assertThatThrownBy(() -> type(w -> w.u8(0x71).u32(0))).hasMessageContaining("variant");
        assertThatThrownBy(() -> type(w -> w.u8(0x6f).u32(0))).hasMessageContaining("tuple");
        assertThatThrownBy(() -> type(w -> w.u8(0x6e).u32(0))).hasMessageContaining("flags");
        assertThatThrownBy(() -> type(w -> w.u8(0x6d).u32(0))).hasMessageContaining("enum");
    }

    @Test
    void flagsEnumOptionResultHandles() {
        assertThat(type(w -> w.u8(0x6e).vec(l -> l.name("a"), l -> l.name("b")))).isEqualTo(new DefType.Flags(List.of("a", "b"), 11));
        assertThat(type(w -> w.u8(0x6d).vec(l -> l.name("x")))).isEqualTo(new DefType.Enum(List.of("x"), 11));
        assertThat(type(w -> w.u8(0x6b).u8(0x73))).isEqualTo(new DefType.Option(new ValTypeRef.Prim(PrimValType.STRING), 11));
        assertThat(type(w -> w.u8(0x6a).u8(0x01).u8(0x79).u8(0x00)))
                .isEqualTo(new DefType.Result(Optional.of(new ValTypeRef.Prim(PrimValType.U32)), Optional.empty(), 11));
        assertThat(type(w -> w.u8(0x6a).u8(0x00).u8(0x00))).isEqualTo(new DefType.Result(Optional.empty(), Optional.empty(), 11));
        assertThat(type(w -> w.u8(0x69).u32(2))).isEqualTo(new DefType.Own(2, 11));
        assertThat(type(w -> w.u8(0x68).u32(2))).isEqualTo(new DefType.Borrow(2, 11));
    }

    @Test
    void asyncEraTypes() {
        assertThat(type(w -> w.u8(0x66).u8(0x01).u8(0x7d))).isEqualTo(new DefType.Stream(Optional.of(new ValTypeRef.Prim(PrimValType.U8)), 11));
        assertThat(type(w -> w.u8(0x65).u8(0x00))).isEqualTo(new DefType.Future(Optional.empty(), 11));
        assertThat(type(w -> w.u8(0x63).u8(0x73).u8(0x79))).isInstanceOf(DefType.MapOf.class);
        assertThat(type(w -> w.u8(0x64))).isEqualTo(new DefType.Primitive(PrimValType.ERROR_CONTEXT, 11));
    }

    @Test
    void funcTypes() {
        assertThat(type(w -> w.u8(0x40).vec(p -> p.name("a").u8(0x79)).u8(0x00).u8(0x73)))
                .isEqualTo(new DefType.Func(false, List.of(new DefType.Labeled("a", new ValTypeRef.Prim(PrimValType.U32))),
                        Optional.of(new ValTypeRef.Prim(PrimValType.STRING)), 11));
        assertThat(type(w -> w.u8(0x43).u32(0).u8(0x01, 0x00))).isEqualTo(new DefType.Func(true, List.of(), Optional.empty(), 11));
        assertThatThrownBy(() -> type(w -> w.u8(0x40).u32(0).u8(0x01, 0x01).name("x").u8(0x79)))
                .isInstanceOf(MalformedComponentException.class).hasMessageContaining("named results");
    }

    @Test
    void componentAndInstanceTypes() {
        var c = (DefType.Component) type(w -> w.u8(0x41).vec(
                d -> d.u8(0x03).externName("in").u8(0x01).u32(0),
                d -> d.u8(0x01).u8(0x40).u32(0).u8(0x01, 0x00),
                d -> d.u8(0x02).u8(0x03).u8(0x02).u32(1).u32(0),
                d -> d.u8(0x00).u8(0x60).u32(0).u32(0),
                d -> d.u8(0x04).externName("out").u8(0x03).u8(0x01)));
        assertThat(c.decls()).hasSize(5);
        assertThat(c.decls().get(0)).isInstanceOf(Decl.ImportDecl.class);
        assertThat(c.decls().get(4)).isInstanceOf(Decl.ExportDecl.class);
        assertThatThrownBy(() -> type(w -> w.u8(0x42).vec(d -> d.u8(0x03).externName("in").u8(0x01).u32(0))))
                .isInstanceOf(MalformedComponentException.class).hasMessageContaining("only allowed in component types");
    }

    @Test
    void resourceTypes() {
        assertThat(type(w -> w.u8(0x3f).u8(0x7f).u8(0x00))).isEqualTo(new DefType.Resource(0x7f, Optional.empty(), 11));
        assertThat(type(w -> w.u8(0x3f).u8(0x7f).u8(0x01).u32(7))).isEqualTo(new DefType.Resource(0x7f, Optional.of(7), 11));
        assertThatThrownBy(() -> type(w -> w.u8(0x3f).u8(0x7e).u8(0x00))).hasMessageContaining("i32");
    }

    @Test
    void unknownTypeConstructor() {
        assertThatThrownBy(() -> type(w -> w.u8(0x55)))
                .isInstanceOf(MalformedComponentException.class).hasMessageContaining("expected a type constructor, found 0x55");
    }

    // ---- canon ----

    @Test
    void liftAndLowerWithOptions() {
        assertThat(canon(w -> w.u8(0x00, 0x00).u32(3).vec(o -> o.u8(0x00), o -> o.u8(0x03).u32(0), o -> o.u8(0x04).u32(1),
                o -> o.u8(0x05).u32(2)).u32(9)))
                .isEqualTo(new Canon.Lift(3, List.of(new CanonOpt.StringEncoding(CanonOpt.Encoding.UTF8), new CanonOpt.Memory(0),
                        new CanonOpt.Realloc(1), new CanonOpt.PostReturn(2)), 9, 11));
        assertThat(canon(w -> w.u8(0x01, 0x00).u32(4).vec(o -> o.u8(0x01), o -> o.u8(0x02), o -> o.u8(0x06), o -> o.u8(0x07).u32(5))))
                .isEqualTo(new Canon.Lower(4, List.of(new CanonOpt.StringEncoding(CanonOpt.Encoding.UTF16),
                        new CanonOpt.StringEncoding(CanonOpt.Encoding.LATIN1_UTF16), new CanonOpt.Async(), new CanonOpt.Callback(5)), 11));
        assertThatThrownBy(() -> canon(w -> w.u8(0x00, 0x00).u32(0).vec(o -> o.u8(0x09)).u32(0)))
                .isInstanceOf(MalformedComponentException.class).hasMessageContaining("canonical option");
    }

    @Test
    void resourceBuiltins() {
        assertThat(canon(w -> w.u8(0x02).u32(1))).isEqualTo(new Canon.ResourceNew(1, 11));
        assertThat(canon(w -> w.u8(0x03).u32(1))).isEqualTo(new Canon.ResourceDrop(1, false, 11));
        assertThat(canon(w -> w.u8(0x04).u32(1))).isEqualTo(new Canon.ResourceRep(1, 11));
    }

    @Test
    void asyncBuiltinsParseByName() {
        assertThat(canon(w -> w.u8(0x09).u8(0x00).u8(0x73).vec(o -> o.u8(0x03).u32(0))))
                .isInstanceOfSatisfying(Canon.Builtin.class, b -> assertThat(b.name()).isEqualTo("task.return"));
        assertThat(canon(w -> w.u8(0x0e).u32(2))).isInstanceOfSatisfying(Canon.Builtin.class, b -> assertThat(b.name()).isEqualTo("stream.new"));
        assertThat(canon(w -> w.u8(0x20).u8(0x01).u32(0)))
                .isInstanceOfSatisfying(Canon.Builtin.class, b -> assertThat(b.name()).isEqualTo("waitable-set.wait"));
        assertThat(canon(w -> w.u8(0x1f))).isInstanceOfSatisfying(Canon.Builtin.class, b -> assertThat(b.name()).isEqualTo("waitable-set.new"));
        assertThatThrownBy(() -> canon(w -> w.u8(0x3a))).isInstanceOf(MalformedComponentException.class)
                .hasMessageContaining("canonical definition opcode");
    }

    @Test
    void everyErrorIsAComponentException() {
        byte[] ok = BinaryWriter.component().vecSection(7, w -> w.u8(0x72).vec(f -> f.name("a").u8(0x79))).toByteArray();
        for (int cut = 0; cut < ok.length; cut++) {
            if (cut == 8) {
                continue; // the bare preamble is a valid empty component
            }
            byte[] truncated = java.util.Arrays.copyOf(ok, cut);
            assertThatThrownBy(() -> ComponentBinaryParser.parse(truncated)).isInstanceOf(ComponentException.class);
        }
    }
}
