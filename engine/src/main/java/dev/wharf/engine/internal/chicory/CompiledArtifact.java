package dev.wharf.engine.internal.chicory;

import com.dylibso.chicory.compiler.internal.ClassLoadingCollector;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;

/**
 * The JVM classes Chicory generated for one module, plus what we must know about them without
 * recompiling: the main class name, the functions that fell back to the interpreter, and the
 * module digest (checked on load so a mislabelled file is rejected). Serialized as a jar, like
 * Chicory's own cache format, with an extra properties entry.
 */
record CompiledArtifact(
        String digest, String mainClass, Map<String, byte[]> classes, Set<Integer> interpretedFunctions) {

    private static final String PROPERTIES_ENTRY = "wharf-compiled-module.properties";

    /** Defines the classes in a fresh class loader and returns Chicory's machine factory. */
    Function<Instance, Machine> defineClasses() {
        var collector = new ClassLoadingCollector();
        for (var entry : classes.entrySet()) {
            if (!entry.getKey().equals(mainClass)) {
                collector.put(entry.getKey(), entry.getValue());
            }
        }
        collector.putMainClass(mainClass, classes.get(mainClass));
        return collector.machineFactory();
    }

    byte[] toJar() {
        try {
            var bytes = new ByteArrayOutputStream();
            try (var jar = new JarOutputStream(bytes)) {
                var properties = new Properties();
                properties.setProperty("digest", digest);
                properties.setProperty("mainClass", mainClass);
                properties.setProperty("interpretedFunctions", joined(interpretedFunctions));
                jar.putNextEntry(new JarEntry(PROPERTIES_ENTRY));
                properties.store(jar, null);
                jar.closeEntry();
                for (var entry : classes.entrySet()) {
                    jar.putNextEntry(new JarEntry(entry.getKey().replace('.', '/') + ".class"));
                    jar.write(entry.getValue());
                    jar.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads an artifact written by {@link #toJar()}.
     *
     * @throws IOException if the data is not such a jar or belongs to another module
     */
    static CompiledArtifact fromJar(byte[] data, String expectedDigest) throws IOException {
        var classes = new LinkedHashMap<String, byte[]>();
        Properties properties = null;
        try (var jar = new JarInputStream(new ByteArrayInputStream(data))) {
            JarEntry entry;
            while ((entry = jar.getNextJarEntry()) != null) {
                if (entry.getName().equals(PROPERTIES_ENTRY)) {
                    properties = new Properties();
                    properties.load(jar);
                } else if (entry.getName().endsWith(".class")) {
                    var name = entry.getName().substring(0, entry.getName().length() - 6).replace('/', '.');
                    classes.put(name, jar.readAllBytes());
                }
            }
        }
        if (properties == null) {
            throw new IOException("cache entry has no " + PROPERTIES_ENTRY);
        }
        var digest = properties.getProperty("digest");
        var mainClass = properties.getProperty("mainClass");
        if (!expectedDigest.equals(digest)) {
            throw new IOException("cache entry is for module " + digest + ", not " + expectedDigest);
        }
        if (mainClass == null || !classes.containsKey(mainClass)) {
            throw new IOException("cache entry lacks its main class");
        }
        return new CompiledArtifact(digest, mainClass, classes, parse(properties.getProperty("interpretedFunctions", "")));
    }

    private static String joined(Set<Integer> ids) {
        var out = new StringBuilder();
        for (var id : new TreeSet<>(ids)) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(id);
        }
        return out.toString();
    }

    private static Set<Integer> parse(String text) throws IOException {
        var out = new TreeSet<Integer>();
        if (text.isBlank()) {
            return out;
        }
        try {
            for (var part : text.split(",")) {
                out.add(Integer.parseInt(part.trim()));
            }
        } catch (NumberFormatException e) {
            throw new IOException("bad interpretedFunctions list", e);
        }
        return out;
    }
}
