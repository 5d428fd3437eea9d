package dev.wharf.engine.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A core module type as seen from the component level: its imports (keyed by {@link #importKey}) and
 * exports, each with the core sort name ({@code core func}, {@code core memory}, ...).
 */
public record CoreModuleType(Map<String, String> imports, Map<String, String> exports) implements Type {
    public CoreModuleType {
        imports = Collections.unmodifiableMap(new LinkedHashMap<>(imports));
        exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }

    /** The key of import {@code module}/{@code name} in {@link #imports()}: the two names joined by a NUL character. */
    public static String importKey(String module, String name) {
        return module + '\0' + name;
    }

    /** The module part of an {@link #importKey}. */
    public static String importModule(String key) {
        return key.substring(0, key.indexOf('\0'));
    }

    @Override
    public String toString() {
        return "core module (" + imports.size() + " imports, " + exports.size() + " exports)";
    }
}
