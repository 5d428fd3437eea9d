package dev.wharf.engine.internal.validate;

import dev.wharf.engine.internal.binary.ast.Sort;
import java.util.Map;

/**
 * What validation knows of a core instance: its exports by name and sort, or {@code null} exports when
 * it instantiates an inline core module (whose exports Chicory checks at instantiation).
 */
public record CoreInstanceInfo(Map<String, Sort> exports) {
    public boolean exportsKnown() {
        return exports != null;
    }
}
