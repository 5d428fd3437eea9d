package dev.wharf.engine.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The type of a component: its imports and exports by name, in order. */
public record ComponentType(Map<String, Type> imports, Map<String, Type> exports) implements Type {
    public ComponentType {
        imports = Collections.unmodifiableMap(new LinkedHashMap<>(imports));
        exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }

    @Override
    public String toString() {
        return Stream.concat(
                        imports.entrySet().stream().map(e -> "import " + ExternText.entry(e.getKey(), e.getValue())),
                        exports.entrySet().stream().map(e -> "export " + ExternText.entry(e.getKey(), e.getValue())))
                .collect(Collectors.joining("; ", "component { ", imports.isEmpty() && exports.isEmpty() ? "}" : " }"));
    }
}
