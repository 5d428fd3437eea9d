package dev.wharf.engine;

import dev.wharf.engine.internal.link.ComponentPlanData;
import dev.wharf.engine.internal.link.HostImport;
import dev.wharf.engine.internal.link.ImportedResource;
import dev.wharf.engine.internal.link.TypeSubstitution;
import dev.wharf.engine.internal.link.VersionedName;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.types.ValType;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Host implementations of component imports, by interface and function name. {@link #prepare}
 * checks a plan's imports against them once; instances are then created without further checks.
 *
 * <p>Interface names match semver-compatibly, as in wasmtime: a guest importing
 * {@code wasi:http/types@0.2.3} is served by {@code wasi:http/types@0.2.12} (same {@code 0.x}; same
 * major from {@code 1.0.0}; exact for {@code 0.0.x} and pre-releases). An exact name wins, else
 * the highest compatible version.
 *
 * <p>Not thread-safe while being defined; {@link #prepare} only reads.
 */
public final class Linker {
    /** {@code function} is a {@link HostFunction} or a {@link RawHostFunction}. */
    private record Definition(FuncType type, Object function) {}

    /** A raw-rep host resource ({@code objectDestructor == null}) or a table-managed one. */
    private record HostResource(ResourceType type, IntConsumer destructor, ResourceDestructor<Object> objectDestructor) {}

    private final Engine engine;
    /** Per interface and function name, one definition per distinct function type (see {@link #define}). */
    private final Map<String, Map<String, List<Definition>>> interfaces = new LinkedHashMap<>();
    private final Map<String, Map<String, HostResource>> resources = new LinkedHashMap<>();

    public Linker(Engine engine) {
        this.engine = Objects.requireNonNull(engine);
    }

    public Engine engine() {
        return engine;
    }

    /**
     * Defines {@code function} of {@code iface} (e.g. {@code "wharf:test/host@1.0.0"}). The same name may be
     * defined again with another type: {@link #prepare} then binds the definition whose type equals the
     * import's (for WIT drafts that changed a function's type without changing its package version).
     *
     * @throws IllegalArgumentException if already defined with an equal type
     */
    public Linker define(String iface, String function, FuncType type, HostFunction implementation) {
        return defineAny(iface, function, type, implementation);
    }

    /** Defines a function that needs no {@link Caller}: {@code args -> WitValue.u32(42)}. */
    public Linker define(String iface, String function, FuncType type, SimpleHostFunction implementation) {
        return defineAny(iface, function, type, HostFunction.of(implementation));
    }

    /**
     * Defines {@code function} with a {@link RawHostFunction} working on the flat core arguments;
     * the import is type-checked against {@code type} like any other.
     */
    public Linker defineRaw(String iface, String function, FuncType type, RawHostFunction implementation) {
        return defineAny(iface, function, type, implementation);
    }

    private Linker defineAny(String iface, String function, FuncType type, Object implementation) {
        Objects.requireNonNull(iface);
        Objects.requireNonNull(function);
        Objects.requireNonNull(type);
        Objects.requireNonNull(implementation);
        List<Definition> defs = interfaces.computeIfAbsent(iface, k -> new LinkedHashMap<>())
                .computeIfAbsent(function, k -> new java.util.ArrayList<>());
        if (defs.stream().anyMatch(d -> sameType(d.type(), type))) {
            throw new IllegalArgumentException(display(iface, function) + " is already defined");
        }
        defs.add(new Definition(type, implementation));
        return this;
    }

    /**
     * Defines resource {@code name} of {@code iface} as a raw-rep host resource and returns its type. Use
     * that type in the {@link FuncType}s of the interface's functions ({@code new OwnType(type)})
     * and in the handles host functions return ({@code WitValue.own(type, rep)}): linking puts it
     * in place of the component's imported resource type. The rep is the host's choice (its own
     * bookkeeping). {@code destructor} receives the rep when the guest drops the
     * last owning handle; it may be {@code null}. Such a resource has no {@link ResourceTable};
     * prefer {@link #defineResource(String, ResourceType, Consumer)}.
     *
     * @throws IllegalArgumentException if already defined
     */
    public ResourceType defineResource(String iface, String name, IntConsumer destructor) {
        Objects.requireNonNull(name);
        ResourceType type = ResourceType.host(name);
        add(iface, name, new HostResource(type, destructor, null));
        return type;
    }

    /**
     * Defines resource {@code type} (made with {@link ResourceType#host}, named as the interface
     * names it) of {@code iface} as a table-managed host resource: each instance keeps the Java
     * objects behind its handles in a {@link ResourceTable} ({@link Caller#resources}, {@link
     * ComponentInstance#resources}). When the guest drops the last owning handle, the object is
     * removed from the table and passed to {@code destructor} (may be {@code null}); objects still
     * in the table when the instance closes are passed to it too.
     *
     * <pre>{@code
     * static final ResourceType FIELDS = ResourceType.host("fields");
     * linker.defineResource("wasi:http/types@0.2.10", FIELDS, (Fields f) -> f.release());
     * }</pre>
     *
     * @throws IllegalArgumentException if a resource of that name is already defined in {@code
     *     iface}, or {@code type} is a component-defined resource type
     */
    public <T> Linker defineResource(String iface, ResourceType type, Consumer<? super T> destructor) {
        return defineResource(iface, type, destructor == null ? null : ResourceDestructor.<T>of(destructor));
    }

    /**
     * Like {@link #defineResource(String, ResourceType, Consumer)}, with a destructor that learns
     * why it runs: {@link DropReason#GUEST_DROP} when the guest dropped its last owning handle (the
     * resource's rules apply; it may trap), {@link DropReason#TEARDOWN} for objects still in the
     * table when the instance closes or is reset (any order across tables; it must not trap).
     *
     * @throws IllegalArgumentException as the other overload
     */
    @SuppressWarnings("unchecked")
    public <T> Linker defineResource(String iface, ResourceType type, ResourceDestructor<? super T> destructor) {
        Objects.requireNonNull(type);
        if (type.defined()) {
            throw new IllegalArgumentException(type + " is defined by a component, not by the host");
        }
        ResourceDestructor<Object> d = destructor == null ? dev.wharf.engine.internal.link.HostStore.noDestructor()
                : (ResourceDestructor<Object>) destructor;
        add(iface, type.name(), new HostResource(type, null, d));
        return this;
    }

    private void add(String iface, String name, HostResource resource) {
        Objects.requireNonNull(iface);
        Map<String, HostResource> rs = resources.computeIfAbsent(iface, k -> new LinkedHashMap<>());
        if (rs.putIfAbsent(name, resource) != null) {
            throw new IllegalArgumentException("resource " + display(iface, name) + " is already defined");
        }
    }

    /** Defines a top-level function import (one not inside an interface). */
    public Linker define(String function, FuncType type, HostFunction implementation) {
        return define("", function, type, implementation);
    }

    /** Defines a top-level function import that needs no {@link Caller}. */
    public Linker define(String function, FuncType type, SimpleHostFunction implementation) {
        return define("", function, type, implementation);
    }

    /**
     * Type-checks every import of {@code plan} against this linker's definitions and binds them.
     *
     * @throws UnlinkableComponentException naming the first import that is missing or has another type
     */
    public PreparedComponent prepare(ComponentPlan plan) {
        if (plan.engine() != engine) {
            throw new IllegalArgumentException("the plan was made by another engine");
        }
        Map<ResourceType, ResourceType> substitution = new IdentityHashMap<>();
        Map<ResourceType, IntConsumer> destructors = new IdentityHashMap<>();
        for (ImportedResource r : plan.data().importedResources()) {
            HostResource host = resolve(r);
            substitution.put(r.type(), host.type());
            if (host.destructor() != null) {
                destructors.put(host.type(), host.destructor());
            }
        }
        // every table-managed resource gets a table in each instance, imported or not
        Map<ResourceType, ResourceDestructor<Object>> tables = new IdentityHashMap<>();
        resources.values().forEach(rs -> rs.values().forEach(h -> {
            if (h.objectDestructor() != null) {
                tables.put(h.type(), h.objectDestructor());
            }
        }));
        ComponentPlanData data = new TypeSubstitution(substitution).apply(plan.data());
        List<HostImport> imports = data.hostImports();
        Object[] bound = new Object[imports.size()];
        for (int i = 0; i < bound.length; i++) {
            bound[i] = resolve(imports.get(i));
        }
        return new PreparedComponent(plan, data, bound, destructors, tables);
    }

    private HostResource resolve(ImportedResource r) {
        String name = r.displayName();
        Optional<String> iface = findInterface(resources.keySet(), r.iface());
        HostResource host = iface.map(i -> resources.get(i).get(r.name())).orElse(null);
        if (host == null) {
            throw new UnlinkableComponentException(name, "missing import " + name + ": resource; "
                    + (iface.isEmpty() ? "the linker defines no resources for " + (r.iface().isEmpty() ? "the top level" : r.iface())
                            : "interface " + iface.get() + " in the linker has no resource '" + r.name() + "'"));
        }
        return host;
    }

    private Object resolve(HostImport imp) {
        String name = imp.displayName();
        Optional<String> iface = findInterface(interfaces.keySet(), imp.iface());
        if (iface.isEmpty()) {
            throw new UnlinkableComponentException(name, "missing import " + name + ": " + imp.type()
                    + (imp.iface().isEmpty() ? "; the linker defines no such top-level function"
                            : "; the linker defines no interface compatible with " + imp.iface()));
        }
        List<Definition> defs = interfaces.get(iface.get()).get(imp.function());
        if (defs == null) {
            throw new UnlinkableComponentException(name, "missing import " + name + ": " + imp.type()
                    + "; interface " + iface.get() + " in the linker has no function '" + imp.function() + "'");
        }
        Definition def = defs.stream().filter(d -> sameType(imp.type(), d.type())).findFirst().orElse(defs.get(0));
        if (!sameType(imp.type(), def.type())) {
            boolean alike = imp.type().toString().equals(def.type().toString());
            throw new UnlinkableComponentException(name, "import " + name + " has the wrong type: the component expects "
                    + imp.type() + ", the linker defines " + display(iface.get(), imp.function()) + " as " + def.type()
                    + (alike ? " (same text, other resource types: build the type with the ResourceType that defineResource returned)" : ""));
        }
        return def.function();
    }

    /** The defined interface serving {@code wanted}: the exact name, else the highest compatible version. */
    private static Optional<String> findInterface(Set<String> defined, String wanted) {
        if (defined.contains(wanted)) {
            return Optional.of(wanted);
        }
        VersionedName w = VersionedName.parse(wanted);
        String best = null;
        VersionedName.Version bestVersion = null;
        for (String candidate : defined) {
            VersionedName c = VersionedName.parse(candidate);
            if (c.compatibleWith(w) && c.version().isPresent()
                    && (bestVersion == null || c.version().get().compareTo(bestVersion) > 0)) {
                best = candidate;
                bestVersion = c.version().get();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Function types match when parameter and result types are equal (after the component's
     * imported resources were replaced by the host's, so resources compare by identity). Parameter
     * names are not compared: renaming a parameter does not change the ABI.
     */
    private static boolean sameType(FuncType expected, FuncType found) {
        if (expected.params().size() != found.params().size() || expected.async() != found.async()) {
            return false;
        }
        for (int i = 0; i < expected.params().size(); i++) {
            if (!sameType(expected.params().get(i).type(), found.params().get(i).type())) {
                return false;
            }
        }
        if (expected.result().isPresent() != found.result().isPresent()) {
            return false;
        }
        return expected.result().isEmpty() || sameType(expected.result().get(), found.result().get());
    }

    private static boolean sameType(ValType a, ValType b) {
        return a.equals(b);
    }

    private static String display(String iface, String function) {
        return iface.isEmpty() ? function : iface + "#" + function;
    }
}
