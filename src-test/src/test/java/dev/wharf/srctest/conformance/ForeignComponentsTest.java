package dev.wharf.srctest.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.ComponentParser;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.ParsedComponent;
import dev.wharf.engine.UnlinkableComponentException;
import dev.wharf.engine.UnsupportedComponentFeatureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * Components built by toolchains this repository cannot run (TinyGo, Rust's wasm32-wasip2, cargo-component, Zig,
 * TeaVM, Grain, ...), taken from public repositories that commit their built binaries. Opt-in: it runs only with
 * {@code -Dwharf.foreign.dir=<dir>}, and then takes every {@code *.wasm} in that directory. Nothing fetched is ever
 * committed; {@code src-test/foreign/fetch-list.md} says where each tested file came from and how to get it again.
 *
 * <p>For each file, one dynamic test: parse and validate, plan on the upload checks' inspecting engine and on the
 * compiling one, link against wasi:http plus the host plugins it imports, instantiate; then by what it exports: a
 * {@code wasi:http/incoming-handler} is served by developer mode and compared with {@code jco serve}
 * ({@link ForeignProxy}), a {@code wasi:cli/run} is called (and {@code jco run} decides when it fails), and a
 * library's exported functions with integer, bool or string parameters and results are called with fixed arguments
 * and compared with jco ({@link ForeignLibraryCalls}). A clear typed refusal (an unsupported feature, an import no
 * Wharf host provides) or a failure jco shares aborts the test with that reason; anything else that goes wrong (a
 * crash, a trap, a 5xx, a different answer than jco's) fails it. Each outcome is printed as one line.
 */
class ForeignComponentsTest {

    static final String DIR_PROPERTY = "wharf.foreign.dir";

    private static Engine engine;

    @BeforeAll
    static void startEngine() {
        if (directory() != null) {
            engine = Engine.create(); // the persistent compile cache: a second run skips compilation
        }
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyComponentInTheForeignDirectory() throws IOException {
        Path dir = directory();
        Assumptions.assumeTrue(dir != null, "opt-in: run with -D" + DIR_PROPERTY
                + "=<directory of .wasm files> (see src-test/foreign/fetch-list.md)");
        assertThat(dir).as(DIR_PROPERTY).isDirectory();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".wasm")).sorted().toList();
        }
        assertThat(files).as(".wasm files in " + dir).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static Path directory() {
        String dir = System.getProperty(DIR_PROPERTY);
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    private static void check(Path file) throws Exception {
        ForeignReport report = new ForeignReport(file.getFileName().toString());
        try {
            run(file, report);
            report.outcome("ok");
        } catch (TestAbortedException e) {
            report.outcome("refused: " + e.getMessage());
            throw e;
        } catch (Exception | AssertionError e) {
            report.outcome("FAILED: " + e);
            throw e;
        } finally {
            report.print();
        }
    }

    private static void run(Path file, ForeignReport report) throws Exception {
        byte[] bytes = read(file);
        report.note("toolchain", Producers.of(bytes).toolchain());
        ParsedComponent parsed;
        try {
            parsed = ComponentParser.parse(bytes);
        } catch (UnsupportedComponentFeatureException e) {
            throw new TestAbortedException(e.getMessage(), e);
        }
        report.stage("parsed");
        try (Engine inspector = Engine.inspector()) { // what an upload's checks run: parse every core module, no compile
            inspector.plan(parsed);
        }
        ComponentPlan plan = engine.plan(parsed);
        report.stage("planned (" + plan.coreModuleCount() + " core modules)");
        List<String> foreignImports = parsed.imports().stream().map(i -> i.name())
                .filter(name -> !name.startsWith("wasi:")).toList();
        if (!foreignImports.isEmpty()) {
            throw new TestAbortedException("imports interfaces no Wharf host provides: " + foreignImports);
        }
        ForeignHost host;
        try {
            host = ForeignHost.link(engine, plan);
        } catch (UnlinkableComponentException e) {
            throw new TestAbortedException(e.getMessage(), e);
        }
        try (host) {
            report.stage("linked");
            host.instantiateOnce();
            report.stage("instantiated");
            if (plan.exportedInterface("wasi:http/incoming-handler").isPresent()) {
                ForeignProxy.serve(file, report);
            } else if (plan.exportedInterface("wasi:cli/run").isPresent()) {
                host.runCommand(file, report);
            } else {
                report.note("exports", parsed.exports().stream().map(e -> e.name()).toList().toString());
                host.callLibrary(file, ForeignLibraryCalls.callables(parsed.exports()), report);
            }
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
