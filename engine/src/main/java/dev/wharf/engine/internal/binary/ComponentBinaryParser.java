package dev.wharf.engine.internal.binary;

import dev.wharf.engine.internal.binary.ast.Alias;
import dev.wharf.engine.internal.binary.ast.ComponentAst;
import dev.wharf.engine.internal.binary.ast.CoreInstanceExpr;
import dev.wharf.engine.internal.binary.ast.Definition;
import dev.wharf.engine.internal.binary.ast.ExternDesc;
import dev.wharf.engine.internal.binary.ast.ExternName;
import dev.wharf.engine.internal.binary.ast.InstanceExpr;
import dev.wharf.engine.internal.binary.ast.Sort;
import dev.wharf.engine.internal.binary.ast.SortIdx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the component binary format (Binary.md) into a {@link ComponentAst}. Core modules are kept as
 * byte slices. Never allocates in proportion to a length prefix that the input cannot back, and bounds
 * the nesting of components and types by {@link #MAX_NESTING}.
 */
public final class ComponentBinaryParser {
    /** Maximum nesting of components and component/instance types inside one another. */
    public static final int MAX_NESTING = 64;

    static final int[] MAGIC = {0x00, 0x61, 0x73, 0x6d};
    public static final int COMPONENT_VERSION = 0x0d;

    private ComponentBinaryParser() {}

    public static ComponentAst parse(byte[] bytes) {
        BinaryReader r = new BinaryReader(bytes);
        ComponentAst ast = parseComponent(r, 0);
        if (!r.atEnd()) {
            throw r.error("unexpected trailing bytes after the component");
        }
        return ast;
    }

    static ComponentAst parseComponent(BinaryReader r, int depth) {
        if (depth > MAX_NESTING) {
            throw r.error("components nested more than " + MAX_NESTING + " deep");
        }
        int start = r.offset();
        readPreamble(r);
        List<Definition> defs = new ArrayList<>();
        Parsers p = new Parsers(depth);
        while (!r.atEnd()) {
            int sectionStart = r.offset();
            int id = r.readByte("section id");
            String what = "section " + id + " (" + sectionName(id) + ")";
            int len = r.readLength(what);
            BinaryReader s = r.slice(len, what);
            readSection(id, s, sectionStart, defs, p);
            s.expectEnd(what);
        }
        return new ComponentAst(r.bytes(), start, r.offset(), defs);
    }

    private static void readPreamble(BinaryReader r) {
        int start = r.offset();
        if (r.remaining() < 8) {
            throw r.error("expected the 8-byte component preamble, found only " + r.remaining() + " bytes");
        }
        for (int i = 0; i < 4; i++) {
            if (r.readByte("magic") != MAGIC[i]) {
                throw r.error("expected the magic number \\0asm", start);
            }
        }
        int v0 = r.readByte("version");
        int v1 = r.readByte("version");
        int l0 = r.readByte("layer");
        int l1 = r.readByte("layer");
        if (l0 == 0 && l1 == 0) {
            throw r.error("this is a core WebAssembly module, not a component", start);
        }
        if (l0 != 1 || l1 != 0) {
            throw r.error("expected layer 0x01 0x00 (component), found 0x" + Integer.toHexString(l0) + " 0x" + Integer.toHexString(l1), start + 6);
        }
        if (v0 != COMPONENT_VERSION || v1 != 0) {
            throw r.error("unsupported component binary version 0x" + Integer.toHexString(v0 | v1 << 8)
                    + " (expected 0x" + Integer.toHexString(COMPONENT_VERSION) + ")", start + 4);
        }
    }

    static String sectionName(int id) {
        return switch (id) {
            case 0 -> "custom";
            case 1 -> "core module";
            case 2 -> "core instance";
            case 3 -> "core type";
            case 4 -> "component";
            case 5 -> "instance";
            case 6 -> "alias";
            case 7 -> "type";
            case 8 -> "canon";
            case 9 -> "start";
            case 10 -> "import";
            case 11 -> "export";
            case 12 -> "value";
            default -> "unknown";
        };
    }

    private static void readSection(int id, BinaryReader s, int sectionStart, List<Definition> defs, Parsers p) {
        switch (id) {
            case 0 -> {
                String name = s.readName("custom section name");
                int payload = s.offset();
                int len = s.remaining();
                s.skip(len, "custom section payload");
                defs.add(new Definition.Custom(name, payload, len, sectionStart));
            }
            case 1 -> {
                int off = s.offset();
                int len = s.remaining();
                checkCoreModulePreamble(s);
                s.skip(s.remaining(), "core module");
                defs.add(new Definition.CoreModule(off, len, sectionStart));
            }
            case 2 -> {
                int n = s.readCount("core instances", 2);
                for (int i = 0; i < n; i++) {
                    int at = s.offset();
                    defs.add(new Definition.CoreInstance(readCoreInstance(s), at));
                }
            }
            case 3 -> {
                int n = s.readCount("core types", 1);
                for (int i = 0; i < n; i++) {
                    int at = s.offset();
                    defs.add(new Definition.CoreTypeDef(p.types.readCoreType(s, p.depth), at));
                }
            }
            case 4 -> {
                int at = s.offset();
                defs.add(new Definition.NestedComponent(parseComponent(s, p.depth + 1), at));
            }
            case 5 -> {
                int n = s.readCount("instances", 2);
                for (int i = 0; i < n; i++) {
                    int at = s.offset();
                    defs.add(new Definition.Instance(readInstance(s), at));
                }
            }
            case 6 -> {
                int n = s.readCount("aliases", 3);
                for (int i = 0; i < n; i++) {
                    int at = s.offset();
                    defs.add(new Definition.AliasDef(readAlias(s), at));
                }
            }
            case 7 -> {
                int n = s.readCount("types", 1);
                for (int i = 0; i < n; i++) {
                    int at = s.offset();
                    defs.add(new Definition.TypeDef(p.types.readDefType(s, p.depth), at));
                }
            }
            case 8 -> {
                int n = s.readCount("canonical definitions", 1);
                for (int i = 0; i < n; i++) {
                    int at = s.offset();
                    defs.add(new Definition.CanonDef(CanonParser.readCanon(s), at));
                }
            }
            case 9 -> {
                int at = s.offset();
                int f = s.readIndex("start function index");
                int n = s.readCount("start arguments", 1);
                List<Integer> args = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    args.add(s.readIndex("start argument value index"));
                }
                int results = s.readIndex("start result count");
                defs.add(new Definition.Start(f, args, results, at));
            }
            case 10 -> {
                int n = s.readCount("imports", 3);
                for (int i = 0; i < n; i++) {
                    int at = s.offset();
                    ExternName name = readExternName(s);
                    ExternDesc desc = p.types.readExternDesc(s);
                    defs.add(new Definition.Import(name, desc, at));
                }
            }
            case 11 -> {
                int n = s.readCount("exports", 4);
                for (int i = 0; i < n; i++) {
                    int at = s.offset();
                    ExternName name = readExternName(s);
                    SortIdx target = readSortIdx(s);
                    Optional<ExternDesc> ascribed = readOptionalFlag(s, "export type flag") ? Optional.of(p.types.readExternDesc(s)) : Optional.empty();
                    defs.add(new Definition.Export(name, target, ascribed, at));
                }
            }
            case 12 -> {
                int at = s.offset();
                int n = s.readCount("values", 2);
                int payload = s.offset();
                int len = s.remaining();
                s.skip(len, "value section");
                defs.add(new Definition.Values(n, payload, len, at));
            }
            default -> throw s.error("expected a section id 0..12, found " + id, sectionStart);
        }
    }

    private static void checkCoreModulePreamble(BinaryReader s) {
        int at = s.offset();
        if (s.remaining() < 8) {
            throw s.error("expected a core module preamble in core module section", at);
        }
        byte[] b = s.bytes();
        for (int i = 0; i < 4; i++) {
            if ((b[at + i] & 0xff) != MAGIC[i]) {
                throw s.error("expected the magic number \\0asm at the start of a core module", at);
            }
        }
        if (b[at + 4] != 1 || b[at + 5] != 0 || b[at + 6] != 0 || b[at + 7] != 0) {
            throw s.error("expected core module version 1 in core module section", at + 4);
        }
    }

    static boolean readOptionalFlag(BinaryReader s, String what) {
        int at = s.offset();
        int b = s.readByte(what);
        return switch (b) {
            case 0 -> false;
            case 1 -> true;
            default -> throw s.error("expected 0x00 or 0x01 for " + what + ", found 0x" + Integer.toHexString(b), at);
        };
    }

    static Sort readCoreSort(BinaryReader s) {
        int at = s.offset();
        int b = s.readByte("core sort");
        return switch (b) {
            case 0x00 -> Sort.CORE_FUNC;
            case 0x01 -> Sort.CORE_TABLE;
            case 0x02 -> Sort.CORE_MEMORY;
            case 0x03 -> Sort.CORE_GLOBAL;
            case 0x04 -> Sort.CORE_TAG;
            case 0x10 -> Sort.CORE_TYPE;
            case 0x11 -> Sort.CORE_MODULE;
            case 0x12 -> Sort.CORE_INSTANCE;
            default -> throw s.error("expected a core sort, found 0x" + Integer.toHexString(b), at);
        };
    }

    static Sort readSort(BinaryReader s) {
        int at = s.offset();
        int b = s.readByte("sort");
        return switch (b) {
            case 0x00 -> readCoreSort(s);
            case 0x01 -> Sort.FUNC;
            case 0x02 -> Sort.VALUE;
            case 0x03 -> Sort.TYPE;
            case 0x04 -> Sort.COMPONENT;
            case 0x05 -> Sort.INSTANCE;
            default -> throw s.error("expected a sort, found 0x" + Integer.toHexString(b), at);
        };
    }

    static SortIdx readSortIdx(BinaryReader s) {
        Sort sort = readSort(s);
        return new SortIdx(sort, s.readIndex(sort + " index"));
    }

    static CoreInstanceExpr readCoreInstance(BinaryReader s) {
        int at = s.offset();
        int tag = s.readByte("core instance kind");
        switch (tag) {
            case 0x00 -> {
                int module = s.readIndex("core module index");
                int n = s.readCount("core instantiate arguments", 3);
                List<CoreInstanceExpr.Arg> args = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String name = s.readName("core instantiate argument name");
                    int kindAt = s.offset();
                    int kind = s.readByte("core instantiate argument kind");
                    if (kind != 0x12) {
                        throw s.error("expected 0x12 (instance) in core instantiate argument, found 0x" + Integer.toHexString(kind), kindAt);
                    }
                    args.add(new CoreInstanceExpr.Arg(name, s.readIndex("core instance index")));
                }
                return new CoreInstanceExpr.Instantiate(module, args, at);
            }
            case 0x01 -> {
                int n = s.readCount("core inline exports", 3);
                List<CoreInstanceExpr.CoreExport> exports = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String name = s.readName("core export name");
                    Sort sort = readCoreSort(s);
                    exports.add(new CoreInstanceExpr.CoreExport(name, new SortIdx(sort, s.readIndex(sort + " index"))));
                }
                return new CoreInstanceExpr.InlineExports(exports, at);
            }
            default -> throw s.error("expected core instance kind 0x00 or 0x01, found 0x" + Integer.toHexString(tag), at);
        }
    }

    static InstanceExpr readInstance(BinaryReader s) {
        int at = s.offset();
        int tag = s.readByte("instance kind");
        switch (tag) {
            case 0x00 -> {
                int component = s.readIndex("component index");
                int n = s.readCount("instantiate arguments", 3);
                List<InstanceExpr.Arg> args = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String name = s.readName("instantiate argument name");
                    args.add(new InstanceExpr.Arg(name, readSortIdx(s)));
                }
                return new InstanceExpr.Instantiate(component, args, at);
            }
            case 0x01 -> {
                int n = s.readCount("inline exports", 4);
                List<InstanceExpr.Export> exports = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    ExternName name = readExternName(s);
                    exports.add(new InstanceExpr.Export(name, readSortIdx(s)));
                }
                return new InstanceExpr.InlineExports(exports, at);
            }
            default -> throw s.error("expected instance kind 0x00 or 0x01, found 0x" + Integer.toHexString(tag), at);
        }
    }

    static Alias readAlias(BinaryReader s) {
        int at = s.offset();
        Sort sort = readSort(s);
        int tagAt = s.offset();
        int tag = s.readByte("alias target kind");
        return switch (tag) {
            case 0x00 -> new Alias.InstanceExport(sort, s.readIndex("instance index"), s.readName("alias export name"), at);
            case 0x01 -> new Alias.CoreInstanceExport(sort, s.readIndex("core instance index"), s.readName("alias core export name"), at);
            case 0x02 -> new Alias.Outer(sort, s.readIndex("outer alias count"), s.readIndex("outer alias index"), at);
            default -> throw s.error("expected alias target kind 0x00, 0x01 or 0x02, found 0x" + Integer.toHexString(tag), tagAt);
        };
    }

    /** {@code nameattributes}: 0x00/0x01 plain name, 0x02 name followed by attributes. */
    static ExternName readExternName(BinaryReader s) {
        int at = s.offset();
        int kind = s.readByte("name kind");
        if (kind != 0x00 && kind != 0x01 && kind != 0x02) {
            throw s.error("expected name kind 0x00, 0x01 or 0x02, found 0x" + Integer.toHexString(kind), at);
        }
        String name = s.readName("import/export name");
        Optional<String> impl = Optional.empty();
        Optional<String> suffix = Optional.empty();
        Optional<String> externalId = Optional.empty();
        if (kind == 0x02) {
            int n = s.readCount("name attributes", 2);
            for (int i = 0; i < n; i++) {
                int attrAt = s.offset();
                int a = s.readByte("name attribute kind");
                switch (a) {
                    case 0x00 -> {
                        if (impl.isPresent()) {
                            throw s.error("duplicate implements attribute", attrAt);
                        }
                        impl = Optional.of(s.readName("implements interface name"));
                    }
                    case 0x01 -> {
                        if (suffix.isPresent()) {
                            throw s.error("duplicate versionsuffix attribute", attrAt);
                        }
                        suffix = Optional.of(s.readName("version suffix"));
                    }
                    case 0x02 -> {
                        if (externalId.isPresent()) {
                            throw s.error("duplicate external-id attribute", attrAt);
                        }
                        externalId = Optional.of(s.readName("external id"));
                    }
                    default -> throw s.error("expected name attribute kind 0x00..0x02, found 0x" + Integer.toHexString(a), attrAt);
                }
            }
        }
        return new ExternName(name, kind, impl, suffix, externalId, at);
    }

    /** Per-component parser state. */
    private static final class Parsers {
        final int depth;
        final TypeParser types = new TypeParser();

        Parsers(int depth) {
            this.depth = depth;
        }
    }
}
