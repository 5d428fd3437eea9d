package dev.wharf.engine.core;

import java.util.List;
import java.util.Set;

/**
 * A compiled core module: immutable, thread-safe, shared by every instance made from it.
 */
public interface CoreModule {

    /** Lower-case hex SHA-256 of the module bytes; the cache key. */
    String digest();

    /** Where the compiled code came from (compiled now, memory cache, disk cache). */
    CompileOrigin origin();

    List<CoreImportDescriptor> imports();

    List<CoreExportDescriptor> exports();

    /**
     * Indices of functions too large for one JVM method, which run in the interpreter (100-300x
     * slower). Empty in the normal case; a deployment should surface a non-empty set.
     */
    Set<Integer> interpretedFunctions();

    /**
     * Links {@code imports} to this module's imports by (module, name) and creates a new instance,
     * running its start function.
     *
     * @throws CoreModuleException if an import is missing or mistyped, or the memory does not fit
     *     the limits
     * @throws dev.wharf.engine.Trap if the start function traps
     */
    CoreInstance instantiate(CoreImports imports, CoreLimits limits);
}
