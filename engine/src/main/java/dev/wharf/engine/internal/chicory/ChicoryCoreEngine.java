package dev.wharf.engine.internal.chicory;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.internal.ClassLoadingCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.compiler.internal.MachineFactory;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.DataCountSection;
import com.dylibso.chicory.wasm.types.DataSection;
import com.dylibso.chicory.wasm.types.ElementSection;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionSection;
import com.dylibso.chicory.wasm.types.GlobalSection;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.SectionId;
import com.dylibso.chicory.wasm.types.StartSection;
import com.dylibso.chicory.wasm.types.TableSection;
import com.dylibso.chicory.wasm.types.TagSection;
import com.dylibso.chicory.wasm.types.TypeSection;
import dev.wharf.engine.core.CompileCacheStats;
import dev.wharf.engine.core.CompileOrigin;
import dev.wharf.engine.core.CoreEngine;
import dev.wharf.engine.core.CoreModule;
import dev.wharf.engine.core.CoreModuleException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Chicory backend: compiles core modules to JVM bytecode with Chicory's compiler, caches the
 * result in memory (per engine) and on disk (shared by JVMs), and instantiates them.
 *
 * <p>It calls Chicory's internal {@code Compiler} rather than the public {@code
 * MachineFactoryCompiler} because only the former reports which functions fell back to the
 * interpreter; the cache format mirrors Chicory's (a jar of classes) with that list added.
 */
public final class ChicoryCoreEngine implements CoreEngine {

    private static final System.Logger LOG = System.getLogger(ChicoryCoreEngine.class.getName());

    private final DiskCompileCache diskCache;
    private final ConcurrentHashMap<String, CompletableFuture<ChicoryModule>> compiled = new ConcurrentHashMap<>();
    private final AtomicLong memoryHits = new AtomicLong();
    private final AtomicLong diskHits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong corruptEntries = new AtomicLong();

    private ChicoryCoreEngine(DiskCompileCache diskCache) {
        this.diskCache = diskCache;
    }

    /** An engine with the disk cache in {@code -Dwharf.compileCache.dir} or the default place. */
    public static ChicoryCoreEngine create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of the engine. */
    public static final class Builder {
        private Path cacheDirectory = DiskCompileCache.defaultRoot();
        private boolean persistentCache = true;
        private String chicoryVersion = ChicoryVersion.current();

        private Builder() {}

        /** Root of the on-disk compile cache (a versioned subdirectory is used inside it). */
        public Builder cacheDirectory(Path directory) {
            this.cacheDirectory = directory;
            return this;
        }

        /** Turns the on-disk cache off (the in-memory cache stays). */
        public Builder persistentCache(boolean enabled) {
            this.persistentCache = enabled;
            return this;
        }

        /** Overrides the Chicory version in cache keys; tests use it to simulate an upgrade. */
        Builder chicoryVersion(String version) {
            this.chicoryVersion = version;
            return this;
        }

        public ChicoryCoreEngine build() {
            DiskCompileCache disk = null;
            if (persistentCache) {
                if (ChicoryVersion.UNKNOWN.equals(chicoryVersion)) {
                    LOG.log(Level.WARNING, "Chicory version unknown: the on-disk compile cache is disabled");
                } else {
                    disk = new DiskCompileCache(cacheDirectory, chicoryVersion);
                }
            }
            return new ChicoryCoreEngine(disk);
        }
    }

    @Override
    public CoreModule compile(byte[] wasm) {
        var digest = sha256(wasm);
        var mine = new CompletableFuture<ChicoryModule>();
        var existing = compiled.putIfAbsent(digest, mine);
        if (existing != null) {
            try {
                var module = existing.join();
                memoryHits.incrementAndGet();
                return module.withOrigin(CompileOrigin.MEMORY_CACHE);
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            var module = load(wasm, digest);
            mine.complete(module);
            return module;
        } catch (RuntimeException | Error e) {
            compiled.remove(digest, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    public CompileCacheStats cacheStats() {
        return new CompileCacheStats(memoryHits.get(), diskHits.get(), misses.get(), corruptEntries.get());
    }

    @Override
    public void close() {
        compiled.clear();
    }

    private ChicoryModule load(byte[] wasm, String digest) {
        var key = "sha256:" + digest;
        if (diskCache != null) {
            var fromDisk = loadFromDisk(wasm, digest, key);
            if (fromDisk != null) {
                diskHits.incrementAndGet();
                return fromDisk;
            }
        }
        var module = parse(wasm);
        try {
            var result =
                    Compiler.builder(module)
                            .withInterpreterFallback(InterpreterFallback.SILENT)
                            .withClassCollectorFactory(ClassLoadingCollector::new)
                            .build()
                            .compile();
            var collector = (ClassLoadingCollector) result.collector();
            var interpreted = result.interpretedFunctions();
            reportInterpreted(module, digest, interpreted);
            var factory = new MachineFactory(module, collector.machineFactory());
            misses.incrementAndGet();
            if (diskCache != null) {
                store(key, new CompiledArtifact(digest, collector.mainClassName(), new LinkedHashMap<>(collector.classBytes()), interpreted));
            }
            return new ChicoryModule(module, factory, digest, CompileOrigin.COMPILED, interpreted);
        } catch (ChicoryException e) {
            throw new CoreModuleException(CoreModuleException.Kind.INVALID, "cannot compile module: " + e.getMessage(), e);
        }
    }

    private ChicoryModule loadFromDisk(byte[] wasm, String digest, String key) {
        byte[] data;
        try {
            data = diskCache.get(key);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read compile cache entry " + diskCache.fileFor(key) + ": " + e);
            return null;
        }
        if (data == null) {
            return null;
        }
        try {
            var artifact = CompiledArtifact.fromJar(data, digest);
            var module = parseCached(wasm, artifact.interpretedFunctions());
            var factory = new MachineFactory(module, artifact.defineClasses());
            return new ChicoryModule(module, factory, digest, CompileOrigin.DISK_CACHE, artifact.interpretedFunctions());
        } catch (IOException | RuntimeException | LinkageError e) {
            // A truncated file, another tool's file or classes that no longer verify: recompile.
            corruptEntries.incrementAndGet();
            LOG.log(Level.WARNING, "ignoring unusable compile cache entry " + diskCache.fileFor(key) + ": " + e);
            diskCache.evict(key);
            return null;
        }
    }

    private void store(String key, CompiledArtifact artifact) {
        try {
            diskCache.putIfAbsent(key, artifact.toJar());
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "cannot write compile cache entry " + diskCache.fileFor(key) + ": " + e);
        }
    }

    /** Full parse with validation: the bytes have never been seen. */
    static WasmModule parse(byte[] wasm) {
        try {
            return Parser.parse(EmptyImportNames.rewrite(wasm));
        } catch (MalformedException e) {
            throw new CoreModuleException(CoreModuleException.Kind.MALFORMED, e.getMessage(), e);
        } catch (InvalidException e) {
            throw new CoreModuleException(CoreModuleException.Kind.INVALID, e.getMessage(), e);
        } catch (ChicoryException e) {
            throw new CoreModuleException(CoreModuleException.Kind.MALFORMED, e.getMessage(), e);
        }
    }

    /**
     * The cheap parse used on a disk-cache hit. These exact bytes (same SHA-256) were validated
     * when the entry was written, so validation is skipped. When every function is compiled, the
     * code section (most of a large module's parse time) is skipped too: compiled classes never
     * read function bodies, so empty stand-ins keep Chicory's function count check happy. Modules
     * with interpreted functions need the real bodies and get a full (unvalidated) parse.
     */
    static WasmModule parseCached(byte[] original, Set<Integer> interpretedFunctions) {
        var wasm = EmptyImportNames.rewrite(original);
        if (!interpretedFunctions.isEmpty()) {
            return Parser.builder().withValidation(false).build().parse(() -> new ByteArrayInputStream(wasm));
        }
        var parser = Parser.builder();
        for (int id = SectionId.CUSTOM; id <= SectionId.TAG; id++) {
            if (id != SectionId.CODE) {
                parser.includeSectionId(id);
            }
        }
        var builder = WasmModule.builder().withValidation(false);
        var functionCount = new int[1];
        var customSections = new ArrayList<CustomSection>();
        parser.build()
                .parse(
                        new ByteArrayInputStream(wasm),
                        section -> {
                            switch (section.sectionId()) {
                                case SectionId.CUSTOM -> customSections.add((CustomSection) section);
                                case SectionId.TYPE -> builder.setTypeSection((TypeSection) section);
                                case SectionId.IMPORT -> builder.setImportSection((ImportSection) section);
                                case SectionId.FUNCTION -> {
                                    var functions = (FunctionSection) section;
                                    functionCount[0] = functions.functionCount();
                                    builder.setFunctionSection(functions);
                                }
                                case SectionId.TABLE -> builder.setTableSection((TableSection) section);
                                case SectionId.MEMORY -> builder.setMemorySection((MemorySection) section);
                                case SectionId.GLOBAL -> builder.setGlobalSection((GlobalSection) section);
                                case SectionId.EXPORT -> builder.setExportSection((ExportSection) section);
                                case SectionId.START -> builder.setStartSection((StartSection) section);
                                case SectionId.ELEMENT -> builder.setElementSection((ElementSection) section);
                                case SectionId.DATA -> builder.setDataSection((DataSection) section);
                                case SectionId.DATA_COUNT -> builder.setDataCountSection((DataCountSection) section);
                                case SectionId.TAG -> builder.setTagSection((TagSection) section);
                                default -> builder.addIgnoredSection(section.sectionId());
                            }
                        });
        customSections.forEach(custom -> builder.addCustomSection(custom.name(), custom));
        var code = CodeSection.builder();
        var stub = new FunctionBody(List.of(), List.of());
        for (int i = 0; i < functionCount[0]; i++) {
            code.addFunctionBody(stub);
        }
        builder.setCodeSection(code.build());
        return builder.build();
    }

    private static void reportInterpreted(WasmModule module, String digest, Set<Integer> interpreted) {
        if (interpreted.isEmpty()) {
            return;
        }
        var names = new ArrayList<String>();
        for (var id : interpreted) {
            var name = module.nameSection() == null ? null : module.nameSection().nameOfFunction(id);
            names.add(name == null ? "#" + id : "#" + id + " (" + name + ")");
        }
        LOG.log(
                Level.WARNING,
                "module sha256:" + digest + ": " + interpreted.size()
                        + " function(s) too large for a JVM method run in Chicory's interpreter (100-300x slower): "
                        + String.join(", ", names));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
