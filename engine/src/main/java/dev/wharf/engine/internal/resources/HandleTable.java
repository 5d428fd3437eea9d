package dev.wharf.engine.internal.resources;

import dev.wharf.engine.types.ResourceType;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A component instance's {@code handles} table (CanonicalABI.md {@code Table}) and the handle
 * operations on it: {@code resource.new/rep/drop} and the lifting and lowering of {@code own} and
 * {@code borrow}.
 *
 * <p>Index 0 is reserved and never valid; removed slots are reused last-freed first; at most
 * 2^28 - 1 elements. Elements are {@link ResourceHandle}s today; the table holds {@code Object} so
 * waitables and other handle kinds can share it later, and every resource operation traps on an
 * element of another kind. Every misuse (unknown or dropped index, wrong resource type, owning
 * handle where a borrow is needed and vice versa, dropping a lent handle) is a {@link
 * dev.wharf.engine.Trap}.
 *
 * <p>Not thread-safe: one call at a time per component instance.
 */
public final class HandleTable {
    public static final int MAX_LENGTH = (1 << 28) - 1;

    private Object[] array = new Object[16];
    private int length = 1;
    private int[] free = new int[8];
    private int freeCount;
    private int live;
    private final Set<ResourceType> implemented = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * Declares that this table's instance implements {@code type} (it defined the resource), so a
     * borrow of it lowered into this instance is passed as the bare rep, as the spec's {@code
     * lower_borrow} does for {@code cx.inst is t.rt.impl}.
     */
    public void implement(ResourceType type) {
        implemented.add(type);
    }

    public boolean implementsType(ResourceType type) {
        return implemented.contains(type);
    }

    /**
     * Removes every element (an instance being reset): no destructor runs and no rule is checked.
     * The resource types this instance implements stay.
     */
    public void clear() {
        array = new Object[16];
        length = 1;
        free = new int[8];
        freeCount = 0;
        live = 0;
    }

    /** Number of live elements. */
    public int size() {
        return live;
    }

    // ------------------------------------------------------------------ Table

    /** Adds {@code element}; returns its index (never 0). */
    public int add(Object element) {
        int i;
        if (freeCount > 0) {
            i = free[--freeCount];
        } else {
            if (length > MAX_LENGTH) {
                throw HandleTraps.trap("handle table full (" + MAX_LENGTH + " elements)");
            }
            if (length == array.length) {
                array = Arrays.copyOf(array, Math.min(Integer.MAX_VALUE - 8, array.length * 2));
            }
            i = length++;
        }
        array[i] = element;
        live++;
        return i;
    }

    /** The element at {@code index}; traps if the index is 0, out of range or a freed slot. */
    public Object get(int index) {
        if (index <= 0 || index >= length || array[index] == null) {
            throw HandleTraps.trap("unknown handle index " + Integer.toUnsignedString(index));
        }
        return array[index];
    }

    /** Removes and returns the element at {@code index}; traps like {@link #get}. */
    public Object remove(int index) {
        Object e = get(index);
        array[index] = null;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = index;
        live--;
        return e;
    }

    private ResourceHandle resource(int index, ResourceType type) {
        if (!(get(index) instanceof ResourceHandle h)) {
            throw HandleTraps.trap("handle " + index + " is not a resource handle");
        }
        if (h.type() != type) {
            throw HandleTraps.trap("handle " + index + " is a " + h.type().name() + ", expected " + type.name());
        }
        return h;
    }

    /** The resource handle at {@code index} after checking its type, for inspection. */
    public ResourceHandle handle(int index, ResourceType type) {
        return resource(index, type);
    }

    // ------------------------------------------------------------------ canon built-ins

    /** {@code canon resource.new}: a new owning handle for {@code rep}. */
    public int resourceNew(ResourceType type, int rep) {
        return add(new ResourceHandle(type, rep, true, null));
    }

    /** {@code canon resource.rep}: the rep behind handle {@code index} (owning or borrowed). */
    public int resourceRep(ResourceType type, int index) {
        return resource(index, type).rep();
    }

    /**
     * {@code canon resource.drop}: removes handle {@code index}. An owning handle calls {@code
     * destructor} (may be {@code null}: no destructor) with its rep and traps if borrows of it are
     * still lent out; a borrowed handle ends its borrow.
     */
    public void resourceDrop(ResourceType type, int index, Destructor destructor) {
        ResourceHandle h = resource(index, type);
        if (h.numLends != 0) {
            throw HandleTraps.trap("cannot drop handle " + index + " (" + type.name() + "): "
                    + h.numLends + " borrow(s) of it are still lent out");
        }
        remove(index);
        if (h.own()) {
            if (destructor != null) {
                destructor.destroy(h.rep());
            }
        } else {
            h.borrowScope().borrowDropped();
        }
    }

    // ------------------------------------------------------------------ lifting and lowering

    /**
     * {@code lift_own}: moves the owning handle {@code index} out of this table and returns its rep.
     * Traps if it is a borrow or is lent out.
     */
    public int liftOwn(ResourceType type, int index) {
        ResourceHandle h = resource(index, type);
        if (h.numLends != 0) {
            throw HandleTraps.trap("cannot transfer handle " + index + " (" + type.name() + "): "
                    + h.numLends + " borrow(s) of it are still lent out");
        }
        if (!h.own()) {
            throw HandleTraps.trap("handle " + index + " (" + type.name() + ") is a borrow, an own handle is required");
        }
        remove(index);
        return h.rep();
    }

    /**
     * {@code lift_borrow}: lends handle {@code index} (owning or borrowed) to the call {@code
     * scope} and returns its rep; the handle stays in this table.
     */
    public int liftBorrow(ResourceType type, int index, CallContext scope) {
        ResourceHandle h = resource(index, type);
        scope.addLender(h);
        return h.rep();
    }

    /** {@code lower_own}: a new owning handle for {@code rep} in this table. */
    public int lowerOwn(ResourceType type, int rep) {
        return add(new ResourceHandle(type, rep, true, null));
    }

    /**
     * {@code lower_borrow}: a new borrowed handle for {@code rep}, valid until the callee returns
     * from call {@code scope}; or the bare rep if this instance implements the type.
     */
    public int lowerBorrow(ResourceType type, int rep, CallContext scope) {
        if (implemented.contains(type)) {
            return rep;
        }
        int i = add(new ResourceHandle(type, rep, false, scope));
        scope.borrowLowered();
        return i;
    }
}
