package dev.wharf.engine.types;

import java.util.Objects;

/**
 * A resource type. Resource types are generative: two resources are the same type only if they are the
 * same object, so this class uses identity equality. {@link #name()} is the name it was imported,
 * exported or defined under (for messages only).
 */
public final class ResourceType implements Type {
    private String name;
    private boolean named;
    private final boolean defined;

    /**
     * @param name    name for messages
     * @param defined true if defined by a {@code (resource ...)} type in the component (so the component
     *                may use {@code resource.new}/{@code resource.rep} on it), false if abstract (imported)
     */
    public ResourceType(String name, boolean defined) {
        this.name = Objects.requireNonNull(name);
        this.defined = defined;
    }

    /**
     * A new host-defined resource type named {@code name} (for messages), e.g. {@code
     * ResourceType.host("fields")}. Host plugins keep it in a constant, use it in their {@link
     * FuncType}s and define it with {@code Linker.defineResource(iface, type, destructor)}.
     */
    public static ResourceType host(String name) {
        return new ResourceType(name, false);
    }

    public String name() {
        return name;
    }

    /**
     * Engine-internal, used during validation only: gives a resource defined by a component (whose
     * definition carries no name) the name it is first exported under. No-op once named or if imported.
     */
    public void adoptName(String exportName) {
        if (defined && !named) {
            name = Objects.requireNonNull(exportName);
            named = true;
        }
    }

    public boolean defined() {
        return defined;
    }

    @Override
    public String toString() {
        return "resource " + name;
    }
}
