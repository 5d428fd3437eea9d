package dev.wharf.wasi.config.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.values.WitValue;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Keeps the benchmark honest without timing anything: every method is listed by JMH's annotation processor, and
 * each returns what it claims to measure.
 */
class ConfigGetBenchmarkSmokeTest {

    @Test
    void everyBenchmarkIsListedAndMeasuresWhatItSays() throws IOException {
        Set<String> listed = new TreeSet<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(in).as("META-INF/BenchmarkList").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] t = line.trim().split(" ");
                if (t.length > 9 && t[0].equals("JMH")) {
                    listed.add(t[9]);
                }
            }
        }
        Set<String> declared = new TreeSet<>();
        for (Method m : ConfigGetBenchmark.class.getMethods()) {
            if (m.isAnnotationPresent(Benchmark.class)) {
                declared.add(m.getName());
            }
        }
        assertThat(listed).isEqualTo(declared).hasSize(6);

        ConfigGetBenchmark b = new ConfigGetBenchmark();
        b.setUp();
        try {
            assertThat(code(b.baselineTrivialHostGet())).isEqualTo(1);
            assertThat(code(b.getPresentKey())).isEqualTo(0);
            assertThat(((WitValue.Str) ((WitValue.TupleValue) b.getPresentKey()).elements().get(1)).value())
                    .isEqualTo("v".repeat(29) + "025");
            assertThat(code(b.getAbsentKey())).isEqualTo(1);
            assertThat(((WitValue.ListValue) ((WitValue.TupleValue) b.getAll50()).elements().get(1)).elements()).hasSize(50);
            assertThat(code(b.instantiateAndFirstGet())).isEqualTo(0);
            b.instantiateOnly();
        } finally {
            b.tearDown();
        }
    }

    private static int code(WitValue probeResult) {
        return ((WitValue.U32) ((WitValue.TupleValue) probeResult).elements().get(0)).bits();
    }
}
