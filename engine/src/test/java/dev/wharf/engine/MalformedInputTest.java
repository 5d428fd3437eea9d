package dev.wharf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.wharf.engine.internal.binary.ast.ComponentAst;
import dev.wharf.engine.internal.binary.ast.Definition;
import dev.wharf.engine.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Truncated and randomly mutated versions of every test component and guest fixture must only ever
 * produce {@link ComponentException}s (or parse), quickly and without running out of memory.
 */
class MalformedInputTest {
    private static final long SEED = 0x5EED_C0DEL;
    private static final int MUTATIONS_PER_INPUT = 1500;
    /** Offsets inside core module payloads sampled per module (the parser only slices them). */
    private static final int SAMPLES_PER_CORE_MODULE = 64;

    private static Map<String, byte[]> corpus() {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        for (String name : TestComponents.VALID) {
            inputs.put(name, TestComponents.load(name));
        }
        for (String name : TestComponents.INVALID) {
            inputs.put("invalid/" + name, TestComponents.load("invalid/" + name));
        }
        for (String name : TestComponents.UNSUPPORTED) {
            inputs.put("unsupported/" + name, TestComponents.load("unsupported/" + name));
        }
        for (Path p : Fixtures.wasmFiles()) {
            inputs.put(p.getFileName().toString(), Fixtures.read(p));
        }
        return inputs;
    }

    /** [start, end) ranges of core module payloads, nested components included. */
    private static List<int[]> coreModuleRanges(ComponentAst ast) {
        List<int[]> out = new ArrayList<>();
        for (Definition d : ast.definitions()) {
            if (d instanceof Definition.CoreModule m) {
                out.add(new int[] {m.moduleOffset(), m.moduleOffset() + m.length()});
            } else if (d instanceof Definition.NestedComponent n) {
                out.addAll(coreModuleRanges(n.component()));
            }
        }
        return out;
    }

    private static boolean insideCoreModule(List<int[]> ranges, int offset) {
        for (int[] r : ranges) {
            if (offset > r[0] + 8 && offset < r[1] - 1) {
                return true;
            }
        }
        return false;
    }

    /** Parses; returns normally for success or a ComponentException, and lets anything else escape. */
    private static int tryParse(byte[] bytes, String what) {
        try {
            ComponentParser.parse(bytes);
            return 0;
        } catch (ComponentException expected) {
            return 1;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError(what + ": unexpected " + e, e);
        }
    }

    @Test
    void truncationsOnlyThrowComponentExceptions() {
        Map<String, byte[]> inputs = corpus();
        int[] cases = {0};
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(SEED);
            for (Map.Entry<String, byte[]> e : inputs.entrySet()) {
                byte[] full = e.getValue();
                List<int[]> ranges = coreModuleRanges(ComponentParser.decode(full));
                for (int cut = 0; cut < full.length; cut++) {
                    if (insideCoreModule(ranges, cut)) {
                        continue;
                    }
                    tryParse(Arrays.copyOf(full, cut), e.getKey() + " truncated to " + cut);
                    cases[0]++;
                }
                for (int[] r : ranges) {
                    for (int i = 0; i < SAMPLES_PER_CORE_MODULE; i++) {
                        int cut = r[0] + random.nextInt(Math.max(1, r[1] - r[0]));
                        tryParse(Arrays.copyOf(full, cut), e.getKey() + " truncated to " + cut);
                        cases[0]++;
                    }
                }
            }
        });
        System.out.println("truncation cases: " + cases[0] + " over " + inputs.size() + " inputs");
        assertThat(cases[0]).isGreaterThan(1000);
    }

    @Test
    void mutationsOnlyThrowComponentExceptions() {
        Map<String, byte[]> inputs = corpus();
        int[] counts = {0, 0};
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(SEED);
            for (Map.Entry<String, byte[]> e : inputs.entrySet()) {
                byte[] full = e.getValue();
                List<int[]> ranges = coreModuleRanges(ComponentParser.decode(full));
                int[] targets = java.util.stream.IntStream.range(0, full.length).filter(o -> !insideCoreModule(ranges, o)).toArray();
                for (int i = 0; i < MUTATIONS_PER_INPUT; i++) {
                    byte[] m = mutate(full, targets, random);
                    counts[1] += tryParse(m, e.getKey() + " mutation " + i + " (seed " + SEED + ")");
                    counts[0]++;
                }
            }
        });
        System.out.println("mutation cases: " + counts[0] + " over " + inputs.size() + " inputs, rejected: " + counts[1]);
        assertThat(counts[0]).isGreaterThan(1000);
        assertThat(counts[1]).as("mutations that were rejected").isPositive();
    }

    private static byte[] mutate(byte[] original, int[] targets, Random random) {
        byte[] b = original.clone();
        int edits = 1 + random.nextInt(3);
        for (int k = 0; k < edits; k++) {
            int at = targets[random.nextInt(targets.length)];
            switch (random.nextInt(6)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> b[at] = (byte) (random.nextBoolean() ? 0xff : 0x80);
                case 3 -> b[at] = (byte) (b[at] + (random.nextBoolean() ? 1 : -1));
                case 4 -> {
                    // hostile LEB128: the largest u32
                    byte[] leb = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
                    for (int j = 0; j < leb.length && at + j < b.length; j++) {
                        b[at + j] = leb[j];
                    }
                }
                default -> {
                    // delete one byte
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                    return b;
                }
            }
        }
        return b;
    }
}
