package dev.wharf.engine.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.internal.chicory.ChicoryCoreEngine;
import dev.wharf.engine.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The large (JS) fixtures under src-test/fixtures/large, when present: plan, stub-link, instantiate.
 * Slow (compiles multi-megabyte modules; uses the persistent compile cache), so opt-in:
 * {@code ./mvnw -o -pl engine test -Dtest=LargeFixturesProbe -Dwharf.large=true}.
 */
@EnabledIfSystemProperty(named = "wharf.large", matches = "true")
class LargeFixturesProbe {

    @Test
    void largeFixturesInstantiate() throws Exception {
        Path dir = Fixtures.DIR.resolve("large");
        try (Engine engine = new Engine(ChicoryCoreEngine.create()); Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".wasm")).sorted().toList()) {
                long t0 = System.nanoTime();
                ComponentPlan plan = engine.plan(Files.readAllBytes(p));
                long t1 = System.nanoTime();
                try (ComponentInstance instance = StubLinker.of(engine, plan).prepare(plan).instantiate()) {
                    assertThat(instance.isPoisoned()).isFalse();
                }
                long t2 = System.nanoTime();
                System.out.printf("LARGE %s: %s; plan %d ms, prepare+instantiate %d ms%n", p.getFileName(), plan,
                        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
            }
        }
    }
}
