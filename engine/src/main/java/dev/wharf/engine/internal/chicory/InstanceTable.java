package dev.wharf.engine.internal.chicory;

import static com.dylibso.chicory.wasm.types.Value.REF_NULL_VALUE;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableLimits;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.Arrays;

/**
 * A table owned by exactly one instance, with snapshot and restore.
 *
 * <p>Chicory's {@link TableInstance#grow} also bumps the minimum of the {@link TableLimits} object,
 * which belongs to the parsed module and so is shared by every instance: after one instance grows
 * its table, the next instance starts with a bigger one. This class gets a private copy of the
 * limits and keeps its own element arrays (the superclass's are private and cannot shrink), so
 * growth neither leaks across instances nor survives a reset. It overrides every public method of
 * {@code TableInstance}, which is all generated code and the interpreter use.
 */
final class InstanceTable extends TableInstance {

    private final ValType elementType;
    private final TableLimits limits;
    private int[] refs;
    private Instance[] instances;

    private InstanceTable(Table privateCopy, int initialValue) {
        super(privateCopy, initialValue);
        this.elementType = privateCopy.elementType();
        this.limits = privateCopy.limits();
        int size = (int) limits.min();
        this.refs = new int[size];
        Arrays.fill(refs, initialValue);
        this.instances = new Instance[size];
    }

    /** A {@code TableFactory} body: a fresh table with private limits for each instance. */
    static InstanceTable create(Table declared, int initialValue) {
        var limits = new TableLimits(declared.limits().min(), declared.limits().max(), declared.limits().shared());
        return new InstanceTable(new Table(declared.elementType(), limits, declared.initialize()), initialValue);
    }

    @Override
    public int size() {
        return refs.length;
    }

    @Override
    public ValType elementType() {
        return elementType;
    }

    @Override
    public TableLimits limits() {
        return limits;
    }

    @Override
    public int grow(int size, int value, Instance instance) {
        int oldSize = refs.length;
        long targetSize = (long) oldSize + size;
        if (size < 0 || targetSize > limits.max() || targetSize > Integer.MAX_VALUE - 8) {
            return -1;
        }
        var newRefs = Arrays.copyOf(refs, (int) targetSize);
        Arrays.fill(newRefs, oldSize, (int) targetSize, value);
        var newInstances = Arrays.copyOf(instances, (int) targetSize);
        Arrays.fill(newInstances, oldSize, (int) targetSize, instance);
        refs = newRefs;
        instances = newInstances;
        limits.grow(size);
        return oldSize;
    }

    @Override
    public int ref(int index) {
        if (index < 0 || index >= refs.length) {
            throw new ChicoryException("undefined element");
        }
        return refs[index];
    }

    @Override
    public int requiredRef(int index) {
        int ref = ref(index);
        if (ref == REF_NULL_VALUE) {
            throw new ChicoryException("uninitialized element " + index);
        }
        return ref;
    }

    @Override
    public void setRef(int index, int value, Instance instance) {
        if (index < 0 || index >= refs.length) {
            throw new UninstantiableException("out of bounds table access");
        }
        refs[index] = value;
        instances[index] = instance;
    }

    @Override
    public Instance instance(int index) {
        return instances[index];
    }

    @Override
    public void reset() {
        Arrays.fill(refs, REF_NULL_VALUE);
    }

    /** The table's contents at one point in time. */
    record State(int[] refs, Instance[] instances, long limitsMin) {}

    State capture() {
        return new State(refs.clone(), instances.clone(), limits.min());
    }

    void restore(State state) {
        if (refs.length == state.refs().length) {
            System.arraycopy(state.refs(), 0, refs, 0, refs.length);
            System.arraycopy(state.instances(), 0, instances, 0, instances.length);
        } else {
            refs = state.refs().clone();
            instances = state.instances().clone();
        }
        // TableLimits only grows; a shrink back is expressed as a negative growth.
        limits.grow((int) (state.limitsMin() - limits.min()));
    }
}
