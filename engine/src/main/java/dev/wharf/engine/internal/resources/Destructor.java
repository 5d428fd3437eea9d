package dev.wharf.engine.internal.resources;

/**
 * A resource type's destructor, called with the representation when the last owning handle is
 * dropped. For a guest-defined resource it calls the guest's {@code dtor} export; for a
 * host-defined one it usually removes the object from a {@link HostObjectTable} and closes it.
 */
@FunctionalInterface
public interface Destructor {
    void destroy(int rep);
}
