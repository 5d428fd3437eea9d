package dev.wharf.engine.internal.validate;

import dev.wharf.engine.InvalidComponentException;
import dev.wharf.engine.internal.binary.ast.ExternName;
import dev.wharf.engine.types.BorrowType;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.OwnType;
import dev.wharf.engine.types.ResultType;
import dev.wharf.engine.types.InstanceType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.types.Type;
import java.util.Map;

/** Checks import/export names (well-formed, strongly-unique, annotations) and records them in a scope. */
final class Externs {
    private Externs() {}

    static void declare(Scope scope, boolean isImport, ExternName name, Type type, String where) {
        String kind = isImport ? "import" : "export";
        String n = name.name();
        String problem = Names.checkExternName(n);
        if (problem != null) {
            throw new InvalidComponentException(where + ": malformed " + kind + " name: " + problem);
        }
        if (name.implementsName().isPresent()) {
            if (!(type instanceof InstanceType) || n.indexOf(':') >= 0) {
                throw new InvalidComponentException(where + ": " + kind + " '" + n + "' has an implements attribute but is not a plain-named instance");
            }
            String p = Names.checkInterfaceName(name.implementsName().get());
            if (p != null) {
                throw new InvalidComponentException(where + ": implements attribute of '" + n + "': " + p);
            }
        }
        Map<String, String> keys = isImport ? scope.importKeys : scope.exportKeys;
        Map<String, Type> entries = isImport ? scope.imports : scope.exports;
        String previous = keys.putIfAbsent(Names.uniquenessKey(n), n);
        if (previous != null) {
            throw new InvalidComponentException(where + ": duplicate " + kind + " name '" + n + "'"
                    + (previous.equals(n) ? "" : " (conflicts with '" + previous + "')"));
        }
        String resource = Names.annotatedResource(n);
        if (resource != null) {
            if (!(type instanceof FuncType)) {
                throw new InvalidComponentException(where + ": " + kind + " '" + n + "' is annotated as a resource function but is not a func");
            }
            if (!(entries.get(resource) instanceof ResourceType r)) {
                throw new InvalidComponentException(where + ": " + kind + " '" + n + "' refers to resource '" + resource
                        + "', which is not a preceding resource " + kind + " in the same scope");
            }
            checkResourceFunction(n, (FuncType) type, r, where);
        }
        if (name.versionSuffix().isPresent()) {
            int at = n.lastIndexOf('@');
            String version = at < 0 ? "" : n.substring(at + 1);
            if (n.indexOf(':') < 0 || at < 0 || !Names.isCanonVersion(version)) {
                throw new InvalidComponentException(where + ": versionsuffix '" + name.versionSuffix().get() + "' on '" + n
                        + "', which does not end in a canonical version like @1 or @0.2");
            }
        }
        if (!isImport && type instanceof ResourceType r && Names.isLabel(n)) {
            r.adoptName(n);
        }
        entries.put(n, type);
    }

    /** {@code [constructor]r} returns {@code own<r>} (or a result of it); {@code [method]r.m} takes {@code self: borrow<r>} first. */
    private static void checkResourceFunction(String n, FuncType f, ResourceType r, String where) {
        if (n.startsWith("[constructor]")) {
            boolean ok = f.result().map(t -> t instanceof OwnType o && o.resource() == r
                    || t instanceof ResultType res && res.ok().map(ok2 -> ok2 instanceof OwnType o2 && o2.resource() == r).orElse(false))
                    .orElse(false);
            if (!ok) {
                throw new InvalidComponentException(where + ": constructor '" + n + "' must return own<" + r.name() + "> (or a result of it), not " + f);
            }
        } else if (n.startsWith("[method]") || n.startsWith("[async method]")) {
            boolean ok = !f.params().isEmpty() && f.params().get(0).name().equals("self")
                    && f.params().get(0).type() instanceof BorrowType b && b.resource() == r;
            if (!ok) {
                throw new InvalidComponentException(where + ": method '" + n + "' must take (self: borrow<" + r.name() + ">) first, not " + f);
            }
        }
    }
}
