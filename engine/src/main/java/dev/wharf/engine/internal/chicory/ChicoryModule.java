package dev.wharf.engine.internal.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.UnlinkableException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.CoreExportDescriptor;
import dev.wharf.engine.core.CoreImportDescriptor;
import dev.wharf.engine.core.CoreImports;
import dev.wharf.engine.core.CoreInstance;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.core.CoreModule;
import dev.wharf.engine.core.CoreModuleException;
import dev.wharf.engine.core.CompileOrigin;
import dev.wharf.engine.core.FuncType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** A parsed module plus its compiled machine factory; instantiates with per-instance state. */
final class ChicoryModule implements CoreModule {

    private final WasmModule module;
    private final Function<Instance, Machine> machineFactory;
    private final String digest;
    private final CompileOrigin origin;
    private final Set<Integer> interpretedFunctions;
    private final List<CoreImportDescriptor> imports;
    private final List<CoreExportDescriptor> exports;
    /**
     * The module the engine's memory cache refers to (softly): copies made by {@link #withOrigin} hold it, so it
     * stays cached while anything still uses one of them.
     */
    private final ChicoryModule canonical;

    ChicoryModule(
            WasmModule module,
            Function<Instance, Machine> machineFactory,
            String digest,
            CompileOrigin origin,
            Set<Integer> interpretedFunctions) {
        this(module, machineFactory, digest, origin, Set.copyOf(interpretedFunctions), describeImports(module),
                describeExports(module), null);
    }

    private ChicoryModule(
            WasmModule module,
            Function<Instance, Machine> machineFactory,
            String digest,
            CompileOrigin origin,
            Set<Integer> interpretedFunctions,
            List<CoreImportDescriptor> imports,
            List<CoreExportDescriptor> exports,
            ChicoryModule canonical) {
        this.module = module;
        this.machineFactory = machineFactory;
        this.digest = digest;
        this.origin = origin;
        this.interpretedFunctions = interpretedFunctions;
        this.imports = imports;
        this.exports = exports;
        this.canonical = canonical == null ? this : canonical;
    }

    /** The same compiled module, reported as coming from {@code newOrigin}. */
    ChicoryModule withOrigin(CompileOrigin newOrigin) {
        return newOrigin == origin
                ? this
                : new ChicoryModule(module, machineFactory, digest, newOrigin, interpretedFunctions, imports, exports,
                        canonical);
    }

    static List<CoreImportDescriptor> describeImports(WasmModule module) {
        var out = new ArrayList<CoreImportDescriptor>();
        var section = module.importSection();
        for (int i = 0; i < section.importCount(); i++) {
            var imp = section.getImport(i);
            FuncType type = null;
            if (imp instanceof FunctionImport function) {
                type = ChicoryTypes.toFuncType(module.typeSection().getType(function.typeIndex()));
            }
            String name = imp instanceof FunctionImport ? EmptyImportNames.wasmName(imp.module(), imp.name()) : imp.name();
            out.add(new CoreImportDescriptor(imp.module(), name, ChicoryTypes.toKind(imp.importType()), type));
        }
        return List.copyOf(out);
    }

    static List<CoreExportDescriptor> describeExports(WasmModule module) {
        var out = new ArrayList<CoreExportDescriptor>();
        var section = module.exportSection();
        int importedFunctions = module.importSection().count(ExternalType.FUNCTION);
        for (int i = 0; i < section.exportCount(); i++) {
            var export = section.getExport(i);
            FuncType type = null;
            if (export.exportType() == ExternalType.FUNCTION) {
                type = ChicoryTypes.toFuncType(module.typeSection().getType(functionTypeIndex(module, export.index(), importedFunctions)));
            }
            out.add(new CoreExportDescriptor(export.name(), ChicoryTypes.toKind(export.exportType()), type));
        }
        return List.copyOf(out);
    }

    private static int functionTypeIndex(WasmModule module, int functionIndex, int importedFunctions) {
        if (functionIndex >= importedFunctions) {
            return module.functionSection().getFunctionType(functionIndex - importedFunctions);
        }
        int seen = 0;
        var section = module.importSection();
        for (int i = 0; i < section.importCount(); i++) {
            if (section.getImport(i) instanceof FunctionImport function && seen++ == functionIndex) {
                return function.typeIndex();
            }
        }
        throw new IllegalStateException("function index out of range: " + functionIndex);
    }

    @Override
    public String digest() {
        return digest;
    }

    @Override
    public CompileOrigin origin() {
        return origin;
    }

    @Override
    public List<CoreImportDescriptor> imports() {
        return imports;
    }

    @Override
    public List<CoreExportDescriptor> exports() {
        return exports;
    }

    @Override
    public Set<Integer> interpretedFunctions() {
        return interpretedFunctions;
    }

    @Override
    public CoreInstance instantiate(CoreImports coreImports, CoreLimits limits) {
        var self = new ChicoryInstance(this);
        long capPages = limits.maxMemoryPages();
        var startDeadline = module.startSection().isPresent() ? StartDeadline.arm(limits.startTimeout()) : null;
        try {
            var builder = Instance.builder(module);
            if (!interpretedFunctions.isEmpty()) {
                builder.withUnsafeExecutionListener(InterpretedLoopInterrupts.INSTANCE);
            }
            var instance =
                    builder
                            // Core instantiation runs the start section only. Chicory would also call an
                            // export named "_start" (its WASI command convenience); in a component that is an
                            // ordinary export, which wit-component's adapter calls from wasi:cli/run.
                            .withStart(false)
                            .withImportValues(linkImports(self, coreImports))
                            .withMachineFactory(machineFactory)
                            .withTableFactory(InstanceTable::create)
                            .withMemoryFactory(
                                    declared -> {
                                        var effective = GovernedMemory.effectiveLimits(declared, capPages);
                                        if (effective == null) {
                                            throw new CoreModuleException(
                                                    CoreModuleException.Kind.UNINSTANTIABLE,
                                                    "memory needs "
                                                            + declared.initialPages()
                                                            + " pages initially but the host cap is "
                                                            + capPages
                                                            + " pages");
                                        }
                                        var memory = new GovernedMemory(effective, limits.budget());
                                        self.addOwnMemory(memory);
                                        return memory;
                                    })
                            .build();
            self.attach(instance);
            return self;
        } catch (CoreModuleException | Trap e) {
            self.releaseMemories();
            throw e;
        } catch (GovernedMemory.BudgetExceededException e) {
            self.releaseMemories();
            throw new Trap(TrapReason.OUT_OF_MEMORY, e.getMessage());
        } catch (UnlinkableException e) {
            self.releaseMemories();
            throw new CoreModuleException(CoreModuleException.Kind.UNLINKABLE, e.getMessage(), e);
        } catch (UninstantiableException e) {
            self.releaseMemories();
            if (e.getCause() instanceof ChicoryInterruptedException interrupted) {
                Thread.interrupted(); // Chicory leaves the flag set; see ChicoryInstance.trapped
                throw ChicoryTraps.toTrap(interrupted, startInterrupt(startDeadline));
            }
            if (e.getCause() instanceof TrapException trap) {
                throw ChicoryTraps.toTrap(trap, null);
            }
            throw new CoreModuleException(CoreModuleException.Kind.UNINSTANTIABLE, e.getMessage(), e);
        } catch (ChicoryException | StackOverflowError | OutOfMemoryError e) {
            // A trap in the start function that Chicory did not wrap.
            self.releaseMemories();
            if (e instanceof ChicoryInterruptedException) {
                Thread.interrupted(); // Chicory leaves the flag set; see ChicoryInstance.trapped
            }
            throw ChicoryTraps.toTrap(e, e instanceof ChicoryInterruptedException ? startInterrupt(startDeadline) : null);
        } finally {
            if (startDeadline != null) {
                startDeadline.close();
            }
        }
    }

    /** DEADLINE_EXCEEDED when the start function ran out of time, else null (someone else interrupted it). */
    private static TrapReason startInterrupt(StartDeadline deadline) {
        return deadline != null && deadline.fired() ? TrapReason.DEADLINE_EXCEEDED : null;
    }

    private static ImportValues linkImports(ChicoryInstance self, CoreImports coreImports) {
        var values = ImportValues.builder();
        for (var binding : coreImports.bindings()) {
            switch (binding) {
                case CoreImports.HostFunction host ->
                        values.addFunction(
                                new ImportFunction(
                                        host.module(),
                                        EmptyImportNames.chicoryFunctionName(host.module(), host.name()),
                                        ChicoryTypes.toFunctionType(host.type()),
                                        (chicoryCaller, args) -> {
                                            self.bindDuringStart(chicoryCaller);
                                            return callHost(self, host, args);
                                        }));
                case CoreImports.ReexportedFunction function -> {
                    var source = backendObject(function.function(), ChicoryFunction.class, binding);
                    values.addFunction(
                            new ImportFunction(
                                    function.module(),
                                    EmptyImportNames.chicoryFunctionName(function.module(), function.name()),
                                    source.chicoryType(),
                                    (caller, args) -> source.callLinked(args)));
                }
                case CoreImports.ReexportedMemory memory ->
                        values.addMemory(
                                new ImportMemory(
                                        memory.module(),
                                        memory.name(),
                                        backendObject(memory.memory(), ChicoryMemory.class, binding).chicoryMemory()));
                case CoreImports.ReexportedTable table ->
                        values.addTable(
                                new ImportTable(
                                        table.module(),
                                        table.name(),
                                        backendObject(table.table(), ChicoryTable.class, binding).tableInstance()));
                case CoreImports.ReexportedGlobal global ->
                        values.addGlobal(
                                new ImportGlobal(
                                        global.module(),
                                        global.name(),
                                        backendObject(global.global(), ChicoryGlobal.class, binding).globalInstance()));
            }
        }
        return values.build();
    }

    private static long[] callHost(ChicoryInstance caller, CoreImports.HostFunction host, long[] args) {
        try {
            long[] results = host.callback().apply(caller, args);
            if (results == null) {
                results = ChicoryInstance.NO_RESULTS;
            }
            if (results.length != host.type().results().size()) {
                throw new Trap(
                        TrapReason.HOST_ERROR,
                        "host function " + host.module() + "." + host.name() + " returned "
                                + results.length + " result(s), its type declares " + host.type().results().size());
            }
            return results;
        } catch (Trap | ChicoryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Trap(
                    TrapReason.HOST_ERROR,
                    "host function " + host.module() + "." + host.name() + " failed: " + e,
                    e);
        } finally {
            caller.reassertInterrupt();
        }
    }

    private static <T> T backendObject(Object item, Class<T> type, CoreImports.Binding binding) {
        if (!type.isInstance(item)) {
            throw new CoreModuleException(
                    CoreModuleException.Kind.UNLINKABLE,
                    "import " + binding.module() + "." + binding.name() + " comes from another engine backend");
        }
        return type.cast(item);
    }
}
