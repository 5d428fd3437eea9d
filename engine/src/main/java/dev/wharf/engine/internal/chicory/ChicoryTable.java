package dev.wharf.engine.internal.chicory;

import com.dylibso.chicory.runtime.TableInstance;
import dev.wharf.engine.core.CoreTable;
import dev.wharf.engine.core.ValueType;

/** An exported Chicory table. */
final class ChicoryTable implements CoreTable {

    private final TableInstance table;

    ChicoryTable(TableInstance table) {
        this.table = table;
    }

    TableInstance tableInstance() {
        return table;
    }

    @Override
    public ValueType elementType() {
        return ChicoryTypes.toValueType(table.elementType());
    }

    @Override
    public int size() {
        return table.size();
    }
}
