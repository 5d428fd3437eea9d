package dev.wharf.engine.internal.chicory;

import com.dylibso.chicory.wasm.WasmModule;
import dev.wharf.engine.core.CompileCacheStats;
import dev.wharf.engine.core.CompileOrigin;
import dev.wharf.engine.core.CoreEngine;
import dev.wharf.engine.core.CoreExportDescriptor;
import dev.wharf.engine.core.CoreImportDescriptor;
import dev.wharf.engine.core.CoreImports;
import dev.wharf.engine.core.CoreInstance;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.core.CoreModule;
import java.util.List;
import java.util.Set;

/**
 * A core engine that parses and validates core modules exactly like {@link ChicoryCoreEngine} but compiles nothing:
 * planning a component on it, then linking the plan, checks a whole upload (component structure, core modules, every
 * import against a linker's host functions) in a fraction of a compile's time. Its modules cannot be instantiated.
 */
public final class InspectingCoreEngine implements CoreEngine {

    @Override
    public CoreModule compile(byte[] wasm) {
        WasmModule module = ChicoryCoreEngine.parse(wasm);
        return new Inspected(ChicoryCoreEngine.sha256(wasm), ChicoryModule.describeImports(module),
                ChicoryModule.describeExports(module));
    }

    @Override
    public CompileCacheStats cacheStats() {
        return new CompileCacheStats(0, 0, 0, 0);
    }

    @Override
    public void close() {}

    private record Inspected(String digest, List<CoreImportDescriptor> imports, List<CoreExportDescriptor> exports)
            implements CoreModule {
        @Override
        public CompileOrigin origin() {
            return CompileOrigin.COMPILED;
        }

        @Override
        public Set<Integer> interpretedFunctions() {
            return Set.of();
        }

        @Override
        public CoreInstance instantiate(CoreImports imports, CoreLimits limits) {
            throw new UnsupportedOperationException("an inspected module is not compiled");
        }
    }
}
