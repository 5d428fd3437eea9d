package dev.wharf.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wharf.engine.values.WitValue;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Keeps the JMH harness from rotting: every benchmark method runs once, outside JMH, with its
 * trial set-up and tear-down. No timing is asserted (performance lives in the benchmarks, run by
 * {@code bench/engine.sh}). The JS benchmark needs the large fixture and a few seconds to plan
 * (20-40 s on a cold compile cache), so it runs only with {@code -Dwharf.large=true}.
 */
class BenchmarksSmokeTest {

    @Test
    void annotationProcessorListedEveryBenchmarkMethod() throws IOException {
        // Lines of META-INF/BenchmarkList read "JMH S <len> <class> S <len> <generated> S <len> <method> ...".
        Set<String> listed = new TreeSet<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(in).as("META-INF/BenchmarkList (JMH annotation processor on the test compile)").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] t = line.trim().split(" ");
                if (t.length > 9 && t[0].equals("JMH")) {
                    listed.add(t[3].substring(t[3].lastIndexOf('.') + 1) + "." + t[9]);
                }
            }
        }
        Set<String> declared = new TreeSet<>();
        for (Class<?> c : List.of(HelloCBenchmark.class, HelloJsBenchmark.class, HostCallBenchmark.class, CoreSnapshotBenchmark.class,
                PoolBenchmark.class)) {
            for (Method m : c.getMethods()) {
                if (m.isAnnotationPresent(Benchmark.class)) {
                    declared.add(c.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertThat(declared).hasSize(17);
        assertThat(listed).isEqualTo(declared);
    }

    @Test
    void helloCBenchmarksRunOnce() throws Exception {
        assertThat(runOnce(new HelloCBenchmark())).containsOnlyKeys("coreInstantiateHelloCMain",
                "coreResetHelloCMain", "instantiateHelloC", "parseHelloC", "planHelloC", "prepareHelloC");
    }

    @Test
    void coreSnapshotBenchmarksRunOnce() throws Exception {
        assertThat(runOnce(new CoreSnapshotBenchmark())).containsOnlyKeys("instantiate1MiB", "reset1MiB", "resetAfterGrow1MiB",
                "snapshot1MiB");
    }

    @Test
    void poolBenchmarksRunOnce() throws Exception {
        Map<String, Object> results = runOnce(new PoolBenchmark());
        assertThat(results).containsOnlyKeys("instantiateCloseHelloC", "instantiateResettableHelloC", "poolAcquireReleaseHelloC");
        assertThat(results.values()).as("no instance was poisoned").allSatisfy(r -> assertThat(r).isEqualTo(false));
    }

    @Test
    void hostCallBenchmarksRunOnceAndAgree() throws Exception {
        Map<String, Object> results = runOnce(new HostCallBenchmark());
        assertThat(results).containsOnlyKeys("exportCallString", "hostCallRoundTripString", "hostCallRoundTripStringRaw");
        assertThat(results.values()).allSatisfy(r -> assertThat(r).isEqualTo(WitValue.u32(32)));
    }

    @Test
    void helloJsBenchmarkRunsOnce() throws Exception {
        assumeTrue(Boolean.getBoolean("wharf.large"), "opt-in: -Dwharf.large=true");
        assumeTrue(BenchSupport.hasFixture(HelloJsBenchmark.FIXTURE), "large fixtures not built");
        assertThat(runOnce(new HelloJsBenchmark())).containsOnlyKeys("instantiateHelloJs");
    }

    /** Trial set-up, each @Benchmark method once (by name), tear-down; returns the results by method. */
    private static Map<String, Object> runOnce(Object bench) throws Exception {
        List<Method> methods = new ArrayList<>(List.of(bench.getClass().getMethods()));
        methods.sort(Comparator.comparing(Method::getName));
        invokeAll(bench, methods, Setup.class);
        Map<String, Object> results = new LinkedHashMap<>();
        try {
            for (Method m : methods) {
                if (m.isAnnotationPresent(Benchmark.class)) {
                    results.put(m.getName(), invoke(bench, m));
                    results.put(m.getName(), invoke(bench, m)); // twice: state reused across invocations
                }
            }
        } finally {
            invokeAll(bench, methods, TearDown.class);
        }
        return results;
    }

    private static void invokeAll(Object bench, List<Method> methods, Class<? extends java.lang.annotation.Annotation> a)
            throws Exception {
        for (Method m : methods) {
            if (m.isAnnotationPresent(a)) {
                invoke(bench, m);
            }
        }
    }

    private static Object invoke(Object bench, Method m) throws Exception {
        try {
            return m.invoke(bench);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
