package dev.wharf.engine;

import java.util.function.Consumer;

/**
 * The destructor of a table-managed host resource ({@code Linker.defineResource(iface, type,
 * destructor)}) that learns why it runs:
 *
 * <pre>{@code
 * linker.defineResource(TYPES, INCOMING_BODY, (IncomingBody body, DropReason why) -> {
 *     if (why == DropReason.GUEST_DROP) body.checkStreamDropped();   // may trap
 *     body.release();
 * });
 * }</pre>
 *
 * <p>It is also a {@link Consumer} (a plain {@code accept} is a guest drop) only so that {@code
 * defineResource(iface, type, null)} stays unambiguous next to the older {@code Consumer} overload.
 *
 * @param <T> the objects' type
 */
@FunctionalInterface
public interface ResourceDestructor<T> extends Consumer<T> {

    /** Destroys {@code object}, removed from the instance's table for {@code reason}. */
    void destroy(T object, DropReason reason);

    @Override
    default void accept(T object) {
        destroy(object, DropReason.GUEST_DROP);
    }

    /** A destructor that ignores the reason. */
    static <T> ResourceDestructor<T> of(Consumer<? super T> destructor) {
        if (destructor instanceof ResourceDestructor<?>) {
            @SuppressWarnings("unchecked")
            ResourceDestructor<T> d = (ResourceDestructor<T>) destructor;
            return d;
        }
        return (object, reason) -> destructor.accept(object);
    }
}
