package dev.wharf.engine.internal.binary;

import dev.wharf.engine.UnsupportedComponentFeatureException;
import dev.wharf.engine.internal.binary.ast.CoreType;
import dev.wharf.engine.internal.binary.ast.Decl;
import dev.wharf.engine.internal.binary.ast.DefType;
import dev.wharf.engine.internal.binary.ast.ExternDesc;
import dev.wharf.engine.internal.binary.ast.ExternName;
import dev.wharf.engine.internal.binary.ast.PrimValType;
import dev.wharf.engine.internal.binary.ast.ValTypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decodes component types ({@code deftype}, {@code valtype}, declarators, {@code externtype}) and core types. */
final class TypeParser {

    DefType readDefType(BinaryReader s, int depth) {
        int at = s.offset();
        int b = s.readByte("type constructor");
        PrimValType prim = PrimValType.fromCode(b);
        if (prim != null) {
            return new DefType.Primitive(prim, at);
        }
        return switch (b) {
            case 0x72 -> {
                int n = s.readCount("record fields", 2);
                if (n == 0) {
                    throw s.error("record type must have at least one field", at);
                }
                yield new DefType.Record(readLabeledList(s, n), at);
            }
            case 0x71 -> {
                int n = s.readCount("variant cases", 3);
                if (n == 0) {
                    throw s.error("variant type must have at least one case", at);
                }
                List<DefType.Case> cases = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String label = s.readName("variant case label");
                    Optional<ValTypeRef> t = readOptionalValType(s);
                    int zAt = s.offset();
                    int z = s.readByte("variant case terminator");
                    if (z != 0) {
                        throw s.error("expected 0x00 after variant case (refinements are not supported), found 0x" + Integer.toHexString(z), zAt);
                    }
                    cases.add(new DefType.Case(label, t));
                }
                yield new DefType.Variant(cases, at);
            }
            case 0x70 -> new DefType.ListOf(readValType(s), at);
            case 0x67 -> {
                ValTypeRef t = readValType(s);
                long len = s.readU32("fixed list length");
                yield new DefType.FixedList(t, len, at);
            }
            case 0x6f -> {
                int n = s.readCount("tuple types", 1);
                if (n == 0) {
                    throw s.error("tuple type must have at least one element", at);
                }
                List<ValTypeRef> ts = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    ts.add(readValType(s));
                }
                yield new DefType.Tuple(ts, at);
            }
            case 0x6e -> {
                List<String> labels = readLabels(s, "flags");
                if (labels.isEmpty()) {
                    throw s.error("flags type must have at least one flag", at);
                }
                yield new DefType.Flags(labels, at);
            }
            case 0x6d -> {
                List<String> labels = readLabels(s, "enum");
                if (labels.isEmpty()) {
                    throw s.error("enum type must have at least one case", at);
                }
                yield new DefType.Enum(labels, at);
            }
            case 0x6b -> new DefType.Option(readValType(s), at);
            case 0x6a -> {
                Optional<ValTypeRef> ok = readOptionalValType(s);
                Optional<ValTypeRef> err = readOptionalValType(s);
                yield new DefType.Result(ok, err, at);
            }
            case 0x69 -> new DefType.Own(s.readIndex("resource type index"), at);
            case 0x68 -> new DefType.Borrow(s.readIndex("resource type index"), at);
            case 0x66 -> new DefType.Stream(readOptionalValType(s), at);
            case 0x65 -> new DefType.Future(readOptionalValType(s), at);
            case 0x63 -> new DefType.MapOf(readValType(s), readValType(s), at);
            case 0x40, 0x43 -> {
                int n = s.readCount("function parameters", 2);
                List<DefType.Labeled> params = readLabeledList(s, n);
                Optional<ValTypeRef> result = readResultList(s);
                yield new DefType.Func(b == 0x43, params, result, at);
            }
            case 0x41 -> new DefType.Component(readDecls(s, depth + 1, true), at);
            case 0x42 -> new DefType.Instance(readDecls(s, depth + 1, false), at);
            case 0x3f -> {
                int repAt = s.offset();
                int rep = s.readByte("resource representation");
                if (rep != 0x7f) {
                    throw s.error("expected resource representation i32 (0x7f), found 0x" + Integer.toHexString(rep), repAt);
                }
                Optional<Integer> dtor = ComponentBinaryParser.readOptionalFlag(s, "resource destructor flag")
                        ? Optional.of(s.readIndex("destructor core func index")) : Optional.empty();
                yield new DefType.Resource(rep, dtor, at);
            }
            default -> throw s.error("expected a type constructor, found 0x" + Integer.toHexString(b), at);
        };
    }

    private Optional<ValTypeRef> readResultList(BinaryReader s) {
        int at = s.offset();
        int b = s.readByte("function result list");
        if (b == 0x00) {
            return Optional.of(readValType(s));
        }
        if (b == 0x01) {
            int zAt = s.offset();
            int z = s.readByte("empty result list");
            if (z != 0x00) {
                throw s.error("expected 0x00 after 0x01 in function result list (named results are not part of the format), found 0x" + Integer.toHexString(z), zAt);
            }
            return Optional.empty();
        }
        throw s.error("expected function result list 0x00 or 0x01, found 0x" + Integer.toHexString(b), at);
    }

    private List<DefType.Labeled> readLabeledList(BinaryReader s, int n) {
        List<DefType.Labeled> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String label = s.readName("label");
            out.add(new DefType.Labeled(label, readValType(s)));
        }
        return out;
    }

    private List<String> readLabels(BinaryReader s, String what) {
        int n = s.readCount(what + " labels", 1);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(s.readName(what + " label"));
        }
        return out;
    }

    Optional<ValTypeRef> readOptionalValType(BinaryReader s) {
        return ComponentBinaryParser.readOptionalFlag(s, "optional value type flag") ? Optional.of(readValType(s)) : Optional.empty();
    }

    /** {@code valtype}: a non-negative s33 is a type index, a negative one a primitive code. */
    ValTypeRef readValType(BinaryReader s) {
        int at = s.offset();
        long v = s.readSigned(33, "value type");
        if (v >= 0) {
            if (v > Integer.MAX_VALUE) {
                throw s.error("type index " + v + " is out of range", at);
            }
            return new ValTypeRef.Idx((int) v);
        }
        int code = (int) (v & 0x7f);
        PrimValType prim = v >= -64 ? PrimValType.fromCode(code) : null;
        if (prim == null) {
            throw s.error("expected a value type, found 0x" + Integer.toHexString(s.bytes()[at] & 0xff), at);
        }
        return new ValTypeRef.Prim(prim);
    }

    List<Decl> readDecls(BinaryReader s, int depth, boolean component) {
        if (depth > ComponentBinaryParser.MAX_NESTING) {
            throw s.error("component/instance types nested more than " + ComponentBinaryParser.MAX_NESTING + " deep");
        }
        int n = s.readCount(component ? "component type declarations" : "instance type declarations", 2);
        List<Decl> decls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int at = s.offset();
            int tag = s.readByte("declaration kind");
            Decl d = switch (tag) {
                case 0x00 -> new Decl.CoreTypeDecl(readCoreType(s, depth));
                case 0x01 -> new Decl.TypeDecl(readDefType(s, depth));
                case 0x02 -> new Decl.AliasDecl(ComponentBinaryParser.readAlias(s));
                case 0x03 -> {
                    if (!component) {
                        throw s.error("import declarations are only allowed in component types", at);
                    }
                    ExternName name = ComponentBinaryParser.readExternName(s);
                    yield new Decl.ImportDecl(name, readExternDesc(s));
                }
                case 0x04 -> {
                    ExternName name = ComponentBinaryParser.readExternName(s);
                    yield new Decl.ExportDecl(name, readExternDesc(s));
                }
                default -> throw s.error("expected a declaration kind (0x00..0x04), found 0x" + Integer.toHexString(tag), at);
            };
            decls.add(d);
        }
        return decls;
    }

    ExternDesc readExternDesc(BinaryReader s) {
        int at = s.offset();
        int tag = s.readByte("extern type kind");
        return switch (tag) {
            case 0x00 -> {
                int m = s.readByte("core module sort");
                if (m != 0x11) {
                    throw s.error("expected 0x11 (core module) after 0x00 in extern type, found 0x" + Integer.toHexString(m), at + 1);
                }
                yield new ExternDesc.CoreModule(s.readIndex("core type index"));
            }
            case 0x01 -> new ExternDesc.Func(s.readIndex("type index"));
            case 0x02 -> {
                int bAt = s.offset();
                int b = s.readByte("value bound");
                yield switch (b) {
                    case 0x00 -> new ExternDesc.Value(Optional.of(s.readIndex("value index")), Optional.empty());
                    case 0x01 -> new ExternDesc.Value(Optional.empty(), Optional.of(readValType(s)));
                    default -> throw s.error("expected value bound 0x00 or 0x01, found 0x" + Integer.toHexString(b), bAt);
                };
            }
            case 0x03 -> {
                int bAt = s.offset();
                int b = s.readByte("type bound");
                yield switch (b) {
                    case 0x00 -> new ExternDesc.Type(Optional.of(s.readIndex("type index")));
                    case 0x01 -> new ExternDesc.Type(Optional.empty());
                    default -> throw s.error("expected type bound 0x00 (eq) or 0x01 (sub resource), found 0x" + Integer.toHexString(b), bAt);
                };
            }
            case 0x04 -> new ExternDesc.Component(s.readIndex("type index"));
            case 0x05 -> new ExternDesc.Instance(s.readIndex("type index"));
            default -> throw s.error("expected an extern type kind 0x00..0x05, found 0x" + Integer.toHexString(tag), at);
        };
    }

    // ---- core types ----

    CoreType readCoreType(BinaryReader s, int depth) {
        int at = s.offset();
        int b = s.readByte("core type");
        return switch (b) {
            case 0x60 -> readCoreFuncType(s, at);
            case 0x50 -> {
                if (depth > ComponentBinaryParser.MAX_NESTING) {
                    throw s.error("core module types nested too deep", at);
                }
                yield readModuleType(s, depth + 1, at);
            }
            case 0x4e, 0x4f, 0x5f, 0x5e, 0x00 ->
                    // GC proposal forms: rec groups, final/non-final subtypes, structs, arrays.
                    throw new UnsupportedComponentFeatureException("WebAssembly GC core types",
                            "core type form 0x" + Integer.toHexString(b) + " at offset " + at);
            default -> throw s.error("expected a core type (0x60 func or 0x50 module), found 0x" + Integer.toHexString(b), at);
        };
    }

    private CoreType.Func readCoreFuncType(BinaryReader s, int at) {
        int np = s.readCount("core function parameters", 1);
        List<Integer> params = new ArrayList<>(np);
        for (int i = 0; i < np; i++) {
            params.add(readCoreValType(s));
        }
        int nr = s.readCount("core function results", 1);
        List<Integer> results = new ArrayList<>(nr);
        for (int i = 0; i < nr; i++) {
            results.add(readCoreValType(s));
        }
        return new CoreType.Func(params, results, at);
    }

    int readCoreValType(BinaryReader s) {
        int at = s.offset();
        int b = s.readByte("core value type");
        return switch (b) {
            case 0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f -> b;
            default -> throw s.error("expected a core value type, found 0x" + Integer.toHexString(b), at);
        };
    }

    private CoreType.Module readModuleType(BinaryReader s, int depth, int at) {
        int n = s.readCount("core module type declarations", 2);
        List<CoreType.ModuleDecl> decls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int dAt = s.offset();
            int tag = s.readByte("core module declaration kind");
            decls.add(switch (tag) {
                case 0x00 -> new CoreType.ImportDecl(s.readName("core import module"), s.readName("core import name"), readCoreExternDesc(s));
                case 0x01 -> new CoreType.TypeDecl(readCoreType(s, depth));
                case 0x02 -> {
                    int sortAt = s.offset();
                    int sort = s.readByte("core alias sort");
                    int kind = s.readByte("core alias kind");
                    if (sort != 0x10 || kind != 0x01) {
                        throw s.error("expected core outer type alias 0x10 0x01", sortAt);
                    }
                    yield new CoreType.OuterTypeAlias(s.readIndex("outer alias count"), s.readIndex("outer alias index"));
                }
                case 0x03 -> new CoreType.ExportDecl(s.readName("core export name"), readCoreExternDesc(s));
                default -> throw s.error("expected a core module declaration kind 0x00..0x03, found 0x" + Integer.toHexString(tag), dAt);
            });
        }
        return new CoreType.Module(decls, at);
    }

    private CoreType.CoreExternDesc readCoreExternDesc(BinaryReader s) {
        int at = s.offset();
        int tag = s.readByte("core extern kind");
        return switch (tag) {
            case 0x00 -> new CoreType.FuncDesc(s.readIndex("core type index"));
            case 0x01 -> {
                int ref = s.readByte("table element type");
                if (ref != 0x70 && ref != 0x6f) {
                    throw s.error("expected table element type funcref or externref, found 0x" + Integer.toHexString(ref), at + 1);
                }
                int flagsAt = s.offset();
                int flags = s.readByte("limits flag");
                if (flags > 1) {
                    throw s.error("expected table limits flag 0x00 or 0x01, found 0x" + Integer.toHexString(flags), flagsAt);
                }
                long min = s.readU32("table minimum");
                Long max = flags == 1 ? s.readU32("table maximum") : null;
                yield new CoreType.TableDesc(ref, min, max);
            }
            case 0x02 -> {
                int flagsAt = s.offset();
                int flags = s.readByte("limits flag");
                if (flags > 7) {
                    throw s.error("expected memory limits flag 0x00..0x07, found 0x" + Integer.toHexString(flags), flagsAt);
                }
                boolean mem64 = (flags & 4) != 0;
                long min = mem64 ? s.readSigned(64, "memory minimum") : s.readU32("memory minimum");
                Long max = (flags & 1) != 0 ? (mem64 ? s.readSigned(64, "memory maximum") : s.readU32("memory maximum")) : null;
                yield new CoreType.MemoryDesc(min, max, (flags & 2) != 0, mem64);
            }
            case 0x03 -> {
                int vt = readCoreValType(s);
                int mAt = s.offset();
                int mut = s.readByte("global mutability");
                if (mut > 1) {
                    throw s.error("expected global mutability 0x00 or 0x01, found 0x" + Integer.toHexString(mut), mAt);
                }
                yield new CoreType.GlobalDesc(vt, mut == 1);
            }
            case 0x04 -> {
                int z = s.readByte("tag attribute");
                if (z != 0) {
                    throw s.error("expected tag attribute 0x00", at + 1);
                }
                yield new CoreType.TagDesc(s.readIndex("core type index"));
            }
            default -> throw s.error("expected a core extern kind 0x00..0x04, found 0x" + Integer.toHexString(tag), at);
        };
    }

}
