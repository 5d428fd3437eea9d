package dev.wharf.engine.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The values a module's imports are linked to, by (module, name). Two sources exist: host
 * functions (Java callbacks) and items exported by other core instances. The second is what the
 * component layer needs: a component links its core instances to each other, an adapter module's
 * exports feeding another module's imports and one memory shared by several instances.
 *
 * <p>Immutable; build it with {@link #builder()}. Items re-exported from another instance must come
 * from the same backend.
 */
public final class CoreImports {

    /** One import binding. */
    public sealed interface Binding {
        String module();

        String name();
    }

    /** A host function implemented in Java. */
    public record HostFunction(String module, String name, FuncType type, HostCallback callback)
            implements Binding {}

    /** A function exported by another instance. */
    public record ReexportedFunction(String module, String name, CoreFunction function) implements Binding {}

    /** A memory exported by another instance (the shared-memory case). */
    public record ReexportedMemory(String module, String name, CoreMemory memory) implements Binding {}

    /** A table exported by another instance. */
    public record ReexportedTable(String module, String name, CoreTable table) implements Binding {}

    /** A global exported by another instance. */
    public record ReexportedGlobal(String module, String name, CoreGlobal global) implements Binding {}

    private static final CoreImports EMPTY = new CoreImports(List.of());

    private final List<Binding> bindings;

    private CoreImports(List<Binding> bindings) {
        this.bindings = List.copyOf(bindings);
    }

    public static CoreImports none() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Binding> bindings() {
        return bindings;
    }

    /** Collects bindings; later bindings of the same name and kind do not replace earlier ones. */
    public static final class Builder {
        private final List<Binding> bindings = new ArrayList<>();

        private Builder() {}

        public Builder function(String module, String name, FuncType type, HostCallback callback) {
            bindings.add(new HostFunction(module, name, type, Objects.requireNonNull(callback)));
            return this;
        }

        public Builder function(String module, String name, CoreFunction function) {
            bindings.add(new ReexportedFunction(module, name, Objects.requireNonNull(function)));
            return this;
        }

        public Builder memory(String module, String name, CoreMemory memory) {
            bindings.add(new ReexportedMemory(module, name, Objects.requireNonNull(memory)));
            return this;
        }

        public Builder table(String module, String name, CoreTable table) {
            bindings.add(new ReexportedTable(module, name, Objects.requireNonNull(table)));
            return this;
        }

        public Builder global(String module, String name, CoreGlobal global) {
            bindings.add(new ReexportedGlobal(module, name, Objects.requireNonNull(global)));
            return this;
        }

        /** Exports every export of {@code instance} under the import module name {@code module}. */
        public Builder allExportsOf(String module, CoreInstance instance) {
            for (var export : instance.exports()) {
                switch (export.kind()) {
                    case FUNCTION -> function(module, export.name(), instance.function(export.name()));
                    case MEMORY -> memory(module, export.name(), instance.memory(export.name()));
                    case TABLE -> table(module, export.name(), instance.table(export.name()));
                    case GLOBAL -> global(module, export.name(), instance.global(export.name()));
                    case TAG -> {
                        // Exception tags are not linked across instances yet.
                    }
                }
            }
            return this;
        }

        public CoreImports build() {
            return new CoreImports(bindings);
        }
    }
}
