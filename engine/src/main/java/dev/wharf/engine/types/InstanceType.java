package dev.wharf.engine.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The type of a component instance: its exports by name, in order. */
public record InstanceType(Map<String, Type> exports) implements Type {
    public InstanceType {
        exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }

    @Override
    public String toString() {
        return exports.entrySet().stream().map(e -> ExternText.entry(e.getKey(), e.getValue()))
                .collect(Collectors.joining("; ", "instance { ", exports.isEmpty() ? "}" : " }"));
    }
}
