package dev.wharf.engine.internal.chicory;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import java.io.IOException;
import java.util.Properties;

/**
 * The version of the Chicory compiler on the class path. Compiled classes call into Chicory's
 * runtime, so a cache entry is valid only for the exact version that produced it; this string is
 * part of every cache key. Read from the Maven metadata inside Chicory's jar (its manifest carries
 * no version).
 */
final class ChicoryVersion {
    private ChicoryVersion() {}

    static final String UNKNOWN = "unknown";

    private static final String CURRENT = read();

    static String current() {
        return CURRENT;
    }

    private static String read() {
        try (var in =
                MachineFactoryCompiler.class.getResourceAsStream(
                        "/META-INF/maven/com.dylibso.chicory/compiler/pom.properties")) {
            if (in == null) {
                return UNKNOWN;
            }
            var properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", UNKNOWN);
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
