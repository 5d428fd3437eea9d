package dev.wharf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.testing.Fixtures;
import dev.wharf.engine.testing.MiniJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every guest fixture in {@code src-test/fixtures} parses, validates and exports what its manifest's world says. */
class FixtureComponentsTest {

    @Test
    void fixturesArePresent() {
        assertThat(Fixtures.wasmFiles()).as("fixtures in " + Fixtures.DIR.toAbsolutePath().normalize()).isNotEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> manifestWorlds() throws IOException {
        Path manifest = Fixtures.DIR.resolve("manifest.json");
        Map<String, Map<String, Object>> out = new HashMap<>();
        if (!Files.exists(manifest)) {
            return out;
        }
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(Files.readString(manifest));
        for (Object o : (List<Object>) root.get("fixtures")) {
            Map<String, Object> f = (Map<String, Object>) o;
            if (f.get("world") instanceof Map<?, ?> world) {
                out.put((String) f.get("name"), (Map<String, Object>) world);
            }
        }
        return out;
    }

    /** True if {@code names} holds {@code iface} itself or a versioned {@code iface@x.y.z}. */
    private static boolean hasInterface(List<String> names, String iface) {
        return names.stream().anyMatch(n -> n.equals(iface) || n.startsWith(iface + "@"));
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> everyFixtureParsesAndValidates() throws IOException {
        Map<String, Map<String, Object>> worlds = manifestWorlds();
        return Fixtures.wasmFiles().stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
            ParsedComponent c = ComponentParser.parse(Fixtures.read(path));
            String name = path.getFileName().toString().replaceFirst("\\.wasm$", "");
            Map<String, Object> world = worlds.get(name);
            assertThat(world).as("manifest entry with a world for " + name).isNotNull();
            List<String> exports = c.exports().stream().map(ComponentExtern::name).toList();
            List<String> imports = c.imports().stream().map(ComponentExtern::name).toList();
            for (Object e : (List<Object>) world.getOrDefault("exports", List.of())) {
                assertThat(hasInterface(exports, (String) e)).as(name + " exports " + e + " (has " + exports + ")").isTrue();
            }
            for (Object i : (List<Object>) world.getOrDefault("imports", List.of())) {
                assertThat(hasInterface(imports, (String) i)).as(name + " imports " + i + " (has " + imports + ")").isTrue();
            }
        }));
    }
}
