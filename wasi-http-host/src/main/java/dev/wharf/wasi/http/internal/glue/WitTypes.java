package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.types.BorrowType;
import dev.wharf.engine.types.EnumType;
import dev.wharf.engine.types.FlagsType;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads WIT type expressions as the engine prints them ({@code func(self: borrow<fields>, name: string)
 * -> result<_, header-error>}) into engine types, so each binding declares its signature in one
 * readable line. Names resolve to the host resource types and named types registered here.
 */
public final class WitTypes {
    private final Map<String, ValType> named = new HashMap<>();
    private final Map<String, ResourceType> resources = new HashMap<>();

    public WitTypes resource(ResourceType type) {
        resources.put(type.name(), type);
        return this;
    }

    public WitTypes resource(String alias, ResourceType type) {
        resources.put(alias, type);
        return this;
    }

    public WitTypes type(String name, String wit) {
        named.put(name, val(wit));
        return this;
    }

    public ValType val(String wit) {
        Parser p = new Parser(wit);
        ValType t = p.valType();
        p.end();
        return t;
    }

    /** {@code func(a: T, ...) -> R} (the {@code -> R} is optional). */
    public FuncType func(String wit) {
        Parser p = new Parser(wit);
        p.expect("func");
        p.expect("(");
        List<FuncType.Param> params = new ArrayList<>();
        if (!p.peek(")")) {
            do {
                String name = p.ident();
                p.expect(":");
                params.add(new FuncType.Param(name, p.valType()));
            } while (p.accept(","));
        }
        p.expect(")");
        Optional<ValType> result = p.accept("->") ? Optional.of(p.valType()) : Optional.empty();
        p.end();
        return new FuncType(params, result);
    }

    private final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        boolean peek(String tok) {
            skip();
            return s.startsWith(tok, i);
        }

        boolean accept(String tok) {
            if (peek(tok)) {
                i += tok.length();
                return true;
            }
            return false;
        }

        void expect(String tok) {
            if (!accept(tok)) {
                throw new IllegalArgumentException("expected '" + tok + "' at " + i + " in " + s);
            }
        }

        void end() {
            skip();
            if (i != s.length()) {
                throw new IllegalArgumentException("trailing text at " + i + " in " + s);
            }
        }

        String ident() {
            skip();
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '-' || s.charAt(i) == '_')) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("expected a name at " + i + " in " + s);
            }
            return s.substring(start, i);
        }

        Optional<ValType> optVal() {
            if (accept("_")) {
                return Optional.empty();
            }
            return Optional.of(valType());
        }

        ValType valType() {
            String id = ident();
            switch (id) {
                case "list" -> {
                    expect("<");
                    ValType e = valType();
                    expect(">");
                    return new ListType(e);
                }
                case "option" -> {
                    expect("<");
                    ValType e = valType();
                    expect(">");
                    return new OptionType(e);
                }
                case "own", "borrow" -> {
                    expect("<");
                    String r = ident();
                    expect(">");
                    ResourceType rt = resources.get(r);
                    if (rt == null) {
                        throw new IllegalArgumentException("unknown resource " + r + " in " + s);
                    }
                    return id.equals("own") ? new OwnType(rt) : new BorrowType(rt);
                }
                case "result" -> {
                    if (!accept("<")) {
                        return new ResultType(Optional.empty(), Optional.empty());
                    }
                    Optional<ValType> ok = optVal();
                    Optional<ValType> err = accept(",") ? optVal() : Optional.empty();
                    expect(">");
                    return new ResultType(ok, err);
                }
                case "tuple" -> {
                    expect("<");
                    List<ValType> ts = new ArrayList<>();
                    do {
                        ts.add(valType());
                    } while (accept(","));
                    expect(">");
                    return new TupleType(ts);
                }
                case "variant" -> {
                    expect("{");
                    List<VariantType.Case> cases = new ArrayList<>();
                    do {
                        String name = ident();
                        Optional<ValType> payload = Optional.empty();
                        if (accept("(")) {
                            payload = Optional.of(valType());
                            expect(")");
                        }
                        cases.add(new VariantType.Case(name, payload));
                    } while (accept(","));
                    expect("}");
                    return new VariantType(cases);
                }
                case "enum" -> {
                    expect("{");
                    List<String> cases = new ArrayList<>();
                    do {
                        cases.add(ident());
                    } while (accept(","));
                    expect("}");
                    return new EnumType(cases);
                }
                case "flags" -> {
                    expect("{");
                    List<String> flags = new ArrayList<>();
                    do {
                        flags.add(ident());
                    } while (accept(","));
                    expect("}");
                    return new FlagsType(flags);
                }
                case "record" -> {
                    expect("{");
                    List<RecordType.Field> fields = new ArrayList<>();
                    do {
                        String name = ident();
                        expect(":");
                        fields.add(new RecordType.Field(name, valType()));
                    } while (accept(","));
                    expect("}");
                    return new RecordType(fields);
                }
                default -> {
                    ValType t = named.get(id);
                    if (t != null) {
                        return t;
                    }
                    for (PrimitiveType p : PrimitiveType.values()) {
                        if (p.toString().equals(id)) {
                            return p;
                        }
                    }
                    throw new IllegalArgumentException("unknown type " + id + " in " + s);
                }
            }
        }
    }
}
