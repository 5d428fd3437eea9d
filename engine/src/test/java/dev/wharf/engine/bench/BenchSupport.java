package dev.wharf.engine.bench;

import dev.wharf.engine.ComponentParser;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.Linker;
import dev.wharf.engine.core.CoreImportDescriptor;
import dev.wharf.engine.core.CoreImports;
import dev.wharf.engine.internal.binary.ast.ComponentAst;
import dev.wharf.engine.internal.binary.ast.Definition;
import dev.wharf.engine.internal.link.TypeSubstitution;
import dev.wharf.engine.testing.Fixtures;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.InstanceType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.types.Type;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shared set-up of the engine benchmarks: fixture loading, a stub linker for a plan (the approach of
 * {@code link.StubLinker}: every imported resource a host resource, every imported function defined
 * with its own type and failing if called) and stub core imports for a bare core module.
 *
 * <p>Paths are relative to {@code engine/}, the working directory of Surefire and of
 * {@code bench/engine.sh}.
 */
final class BenchSupport {
    private BenchSupport() {}

    /** A fixture from {@code src-test/fixtures}, e.g. {@code "hello-c"} or {@code "large/hello-js"}. */
    static byte[] fixture(String name) {
        Path p = Fixtures.DIR.resolve(name + ".wasm");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing fixture " + p.toAbsolutePath().normalize()
                    + ": build the guests first (bash src-test/guests/build.sh)");
        }
        return Fixtures.read(p);
    }

    static boolean hasFixture(String name) {
        return Files.isRegularFile(Fixtures.DIR.resolve(name + ".wasm"));
    }

    /** A test resource under {@code bench/}. */
    static byte[] resource(String name) {
        try (InputStream in = BenchSupport.class.getResourceAsStream("/bench/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource bench/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A linker defining every import of {@code plan}'s component with its own type. Functions named
     * in {@code skip} ({@code "iface#fn"}, or {@code "fn"} for a top-level import) are left out for
     * the caller to define.
     */
    static Linker stubLinker(Engine engine, ComponentPlan plan, Set<String> skip) {
        Linker linker = new Linker(engine);
        Map<ResourceType, ResourceType> substitution = new IdentityHashMap<>();
        plan.component().importedResources().forEach((iface, rs) -> rs.forEach((name, r) ->
                substitution.computeIfAbsent(r, k -> {
                    ResourceType host = ResourceType.host(name);
                    linker.defineResource(iface, host, null);
                    return host;
                })));
        TypeSubstitution subst = new TypeSubstitution(substitution);
        for (var imp : plan.component().imports()) {
            Type t = imp.type();
            if (t instanceof FuncType ft && !skip.contains(imp.name())) {
                stub(linker, "", imp.name(), subst.apply(ft));
            } else if (t instanceof InstanceType it) {
                for (Map.Entry<String, Type> e : it.exports().entrySet()) {
                    if (e.getValue() instanceof FuncType ft && !skip.contains(imp.name() + "#" + e.getKey())) {
                        stub(linker, imp.name(), e.getKey(), subst.apply(ft));
                    }
                }
            }
        }
        return linker;
    }

    static Linker stubLinker(Engine engine, ComponentPlan plan) {
        return stubLinker(engine, plan, Set.of());
    }

    private static void stub(Linker linker, String iface, String fn, FuncType type) {
        linker.define(iface, fn, type, (caller, args) -> {
            throw new UnsupportedOperationException("stub " + iface + "#" + fn + " called");
        });
    }

    /** The bytes of the largest core module embedded in a component (a C guest's main module). */
    static byte[] largestCoreModule(byte[] component) {
        ComponentAst ast = ComponentParser.decode(component);
        Definition.CoreModule largest = null;
        for (Definition d : ast.definitions()) {
            if (d instanceof Definition.CoreModule m && (largest == null || m.length() > largest.length())) {
                largest = m;
            }
        }
        if (largest == null) {
            throw new IllegalArgumentException("no core module at the top level of the component");
        }
        return ast.coreModuleBytes(largest);
    }

    /**
     * Stub core imports for a module that imports only functions: each returns zeros (and is never
     * called by instantiation alone).
     */
    static CoreImports stubCoreImports(List<CoreImportDescriptor> imports) {
        CoreImports.Builder b = CoreImports.builder();
        for (CoreImportDescriptor d : imports) {
            switch (d.kind()) {
                case FUNCTION -> {
                    long[] zeros = new long[d.funcType().results().size()];
                    b.function(d.module(), d.name(), d.funcType(), (caller, args) -> zeros);
                }
                default -> throw new IllegalArgumentException(
                        "core baseline supports function imports only, not " + d.kind() + " " + d.module() + "." + d.name());
            }
        }
        return b.build();
    }
}
