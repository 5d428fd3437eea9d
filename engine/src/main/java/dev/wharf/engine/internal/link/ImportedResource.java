package dev.wharf.engine.internal.link;

import dev.wharf.engine.types.ResourceType;

/**
 * A resource type the component imports: {@code name} in interface {@code iface} (empty for a
 * top-level type import). The host must define it; linking substitutes the host's type for it.
 */
public record ImportedResource(String iface, String name, ResourceType type) {
    public String displayName() {
        return iface.isEmpty() ? name : iface + "#" + name;
    }
}
