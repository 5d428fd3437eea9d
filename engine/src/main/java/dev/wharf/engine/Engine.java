package dev.wharf.engine;

import dev.wharf.engine.core.CoreEngine;
import dev.wharf.engine.internal.chicory.ChicoryCoreEngine;
import dev.wharf.engine.internal.chicory.InspectingCoreEngine;
import dev.wharf.engine.internal.link.Planner;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Entry point of the component runtime: owns a {@link CoreEngine} (which compiles and caches core
 * modules) and turns parsed components into {@link ComponentPlan}s. Thread-safe; one per process
 * is the intended use.
 */
public final class Engine implements AutoCloseable {
    private final CoreEngine core;

    /** An engine on top of {@code core}; {@link #close()} closes it. */
    public Engine(CoreEngine core) {
        this.core = Objects.requireNonNull(core);
    }

    /** An engine on the default (Chicory) backend with its default compile cache. */
    public static Engine create() {
        return new Engine(ChicoryCoreEngine.create());
    }

    /**
     * An engine on the default (Chicory) backend whose persistent compile cache lives under
     * {@code compileCacheDirectory} (a versioned subdirectory is used inside it).
     */
    public static Engine create(Path compileCacheDirectory) {
        return new Engine(ChicoryCoreEngine.builder().cacheDirectory(compileCacheDirectory).build());
    }

    /**
     * An engine that parses and validates components and their core modules but compiles nothing: plan and link on
     * it to check a component quickly (e.g. an upload). Its prepared components cannot be instantiated.
     */
    public static Engine inspector() {
        return new Engine(new InspectingCoreEngine());
    }

    public CoreEngine coreEngine() {
        return core;
    }

    /**
     * Translates {@code component} once into an immutable plan, compiling its core modules.
     *
     * @throws UnsupportedComponentFeatureException if it uses a construct the runtime cannot run yet
     */
    public ComponentPlan plan(ParsedComponent component) {
        return new ComponentPlan(this, component, Planner.plan(core, component.validated()));
    }

    /** Parses, validates and plans a component binary. */
    public ComponentPlan plan(byte[] componentBytes) {
        return plan(ComponentParser.parse(componentBytes));
    }

    @Override
    public void close() {
        core.close();
    }
}
