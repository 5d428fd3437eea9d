package dev.wharf.engine.internal.chicory;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.wasm.types.MutabilityType;
import dev.wharf.engine.core.CoreGlobal;
import dev.wharf.engine.core.ValueType;

/** An exported Chicory global. */
final class ChicoryGlobal implements CoreGlobal {

    private final GlobalInstance global;

    ChicoryGlobal(GlobalInstance global) {
        this.global = global;
    }

    GlobalInstance globalInstance() {
        return global;
    }

    @Override
    public ValueType type() {
        return ChicoryTypes.toValueType(global.getType());
    }

    @Override
    public boolean mutable() {
        return global.getMutabilityType() == MutabilityType.Var;
    }

    @Override
    public long get() {
        return global.getValue();
    }

    @Override
    public void set(long value) {
        if (!mutable()) {
            throw new IllegalStateException("global is immutable");
        }
        global.setValue(value);
    }
}
