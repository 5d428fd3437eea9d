package dev.wharf.engine;

import dev.wharf.engine.types.ExternText;
import dev.wharf.engine.types.Type;

/** One import or export of a component: its name and its type ({@code toString()} prints both, WIT-style). */
public record ComponentExtern(String name, Type type) {
    @Override
    public String toString() {
        return ExternText.entry(name, type);
    }
}
