package dev.wharf.engine.link;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.Engine;
import dev.wharf.engine.Linker;
import dev.wharf.engine.internal.chicory.ChicoryCoreEngine;
import dev.wharf.engine.testing.Fixtures;

/** Shared set-up for the linking tests: one engine (no disk cache) and fixture loading. */
final class LinkTesting {
    private LinkTesting() {}

    static Engine newEngine() {
        return new Engine(ChicoryCoreEngine.builder().persistentCache(false).build());
    }

    static byte[] fixture(String name) {
        return Fixtures.read(Fixtures.DIR.resolve(name + ".wasm"));
    }

    /** Plans, prepares (no imports) and instantiates a fixture. */
    static ComponentInstance instantiate(Engine engine, String fixture) {
        return new Linker(engine).prepare(engine.plan(fixture(fixture))).instantiate();
    }
}
