package dev.wharf.wasi.http;

import dev.wharf.engine.ComponentExtern;
import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.Linker;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.pool.InstancePool;
import dev.wharf.engine.pool.PoolExhaustedException;
import dev.wharf.wasi.http.internal.body.OutgoingBodyStream;
import dev.wharf.wasi.http.internal.glue.Binder;
import dev.wharf.wasi.http.internal.glue.CaptureStream;
import dev.wharf.wasi.http.internal.glue.ClocksBindings;
import dev.wharf.wasi.http.internal.glue.CliBindings;
import dev.wharf.wasi.http.internal.glue.ErrorBindings;
import dev.wharf.wasi.http.internal.glue.FieldsBindings;
import dev.wharf.wasi.http.internal.glue.FilesystemBindings;
import dev.wharf.wasi.http.internal.glue.SocketsBindings;
import dev.wharf.wasi.http.internal.glue.FutureTrailersBindings;
import dev.wharf.wasi.http.internal.glue.IncomingBodyBindings;
import dev.wharf.wasi.http.internal.glue.IncomingRequestBindings;
import dev.wharf.wasi.http.internal.glue.IncomingResponseBindings;
import dev.wharf.wasi.http.internal.glue.OutgoingBodyBindings;
import dev.wharf.wasi.http.internal.glue.OutgoingHandlerBindings;
import dev.wharf.wasi.http.internal.glue.OutgoingResponseBindings;
import dev.wharf.wasi.http.internal.glue.PollBindings;
import dev.wharf.wasi.http.internal.glue.RandomBindings;
import dev.wharf.wasi.http.internal.glue.ResponseOutparamBindings;
import dev.wharf.wasi.http.internal.glue.StreamsBindings;
import dev.wharf.wasi.http.internal.glue.Wasi;
import dev.wharf.wasi.http.internal.glue.WasiState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The wasi:http/proxy world on the engine's host API.
 *
 * <ul>
 *   <li>{@link #register(Linker)} defines every host function and resource once, under {@code @0.2.12}
 *       names; guests importing any {@code 0.2.x} link through the linker's semver-compatible lookup.
 *       The functions are stateless; everything per request lives in the instance (host state and
 *       resource tables).</li>
 *   <li>{@link #handle} serves one {@link HttpExchange} with a fresh instance, or one leased from an
 *       {@link InstancePool} (reset after the request, discarded after a trap, an interruption or an
 *       exit): the response head, streamed body and trailers reach the exchange as the guest produces
 *       them.</li>
 * </ul>
 */
public final class WasiHttpHost {
    /**
     * Where captured {@code wasi:cli} stdout/stderr lines go. Called on the guest's thread while it writes
     * (or when the request ends, for an unterminated last line): it must not block for long, and an
     * exception it throws ends the guest's call like a host failure.
     */
    @FunctionalInterface
    public interface LogSink {
        enum Stream { STDOUT, STDERR }

        void line(Stream stream, String line);

        LogSink DISCARD = (stream, line) -> {};
    }

    /**
     * Per app configuration.
     *
     * @param environment {@code wasi:cli/environment.get-environment}
     * @param logSink receives stdout/stderr lines
     * @param stdioMaxBytes per request and stream; beyond it output is dropped after one {@code [output truncated]} line
     * @param outbound {@code wasi:http/outgoing-handler}: policy, identity, default timeouts
     */
    public record Config(List<Map.Entry<String, String>> environment, LogSink logSink, long stdioMaxBytes,
            Outbound outbound) {
        public static final Config DEFAULT = new Config(List.of(), LogSink.DISCARD, 64 * 1024);

        public Config {
            environment = List.copyOf(environment);
            Objects.requireNonNull(logSink);
            Objects.requireNonNull(outbound);
        }

        /** With {@link Outbound#DEFAULT}: outbound requests to public addresses only. */
        public Config(List<Map.Entry<String, String>> environment, LogSink logSink, long stdioMaxBytes) {
            this(environment, logSink, stdioMaxBytes, Outbound.DEFAULT);
        }

        public Config withOutbound(Outbound o) {
            return new Config(environment, logSink, stdioMaxBytes, o);
        }
    }

    private final Config config;
    /**
     * The handler export of the component this host served last: resolving it parses every export's version, and a
     * host usually serves one component (the gateway makes one per component), so one entry saves that per request.
     */
    private volatile HandlerExport lastHandler;

    private record HandlerExport(PreparedComponent prepared, String name) {}

    public WasiHttpHost(Config config) {
        this.config = Objects.requireNonNull(config);
    }

    public WasiHttpHost() {
        this(Config.DEFAULT);
    }

    /** Defines the whole proxy world (plus the stdio part of wasi:filesystem and wasi:cli) on {@code linker}. */
    public static Linker register(Linker linker) {
        Binder b = new Binder(linker);
        ErrorBindings.register(b);
        PollBindings.register(b);
        StreamsBindings.register(b);
        FieldsBindings.register(b);
        IncomingRequestBindings.register(b);
        IncomingBodyBindings.register(b);
        FutureTrailersBindings.register(b);
        OutgoingResponseBindings.register(b);
        OutgoingBodyBindings.register(b);
        ResponseOutparamBindings.register(b);
        OutgoingHandlerBindings.register(b);
        IncomingResponseBindings.register(b);
        ClocksBindings.register(b);
        RandomBindings.register(b);
        CliBindings.register(b);
        FilesystemBindings.register(b);
        SocketsBindings.register(b);
        return linker;
    }

    /**
     * Instantiates {@code prepared} for {@code exchange}, calls {@code wasi:http/incoming-handler#handle}
     * on the calling thread (a virtual thread in the gateway) and returns when the guest does. Whatever
     * happens, {@link HttpExchange#guestFinished()} runs afterwards: an unset response fails with
     * {@link NoResponseException}, an unfinished body is aborted.
     *
     * @param deadline the call's time limit ({@code null}: none); past it the guest is interrupted
     *     and this throws a {@link Trap} with {@code DEADLINE_EXCEEDED}
     * @throws Trap the guest trapped (500), ran out of time (504), or was interrupted because the exchange was
     *     {@link HttpExchange#abandon() abandoned} ({@code INTERRUPTED}); the instance is discarded
     * @throws GuestExitException the guest called {@code exit(err)} ({@code exit(ok)} returns normally)
     */
    public void handle(PreparedComponent prepared, HttpExchange exchange, CoreLimits limits, Duration deadline) {
        handle(prepared, exchange, InstanceOptions.defaults().withLimits(limits), deadline);
    }

    /**
     * Like {@link #handle(PreparedComponent, HttpExchange, CoreLimits, Duration)}, with the instance created from
     * {@code options} (its limits, and the state other host plugins prepared through their
     * {@link dev.wharf.engine.plugin.AppBinding}s) plus this host's own per-request state.
     */
    public void handle(PreparedComponent prepared, HttpExchange exchange, InstanceOptions options, Duration deadline) {
        WasiState state = newState(exchange);
        String handler = cachedHandlerExport(prepared);
        ComponentInstance instance = null;
        try {
            instance = prepared.instantiate(options.with(WasiState.KEY, state));
            new GuestCall(instance).run(handler, exchange, state, deadline);
        } finally {
            try {
                if (instance != null) {
                    instance.close(); // objects the guest still holds go to their destructors as TEARDOWN
                }
            } finally {
                state.flushStdio();
                exchange.guestFinished();
            }
        }
    }

    /**
     * Serves {@code exchange} with an instance leased from {@code pool} (instances of {@code prepared}; the pool's
     * {@link InstanceOptions} carry the limits and the other plugins' state), like {@link
     * #handle(PreparedComponent, InstancePool.Lease, HttpExchange, Duration)}.
     *
     * @param acquireTimeout how long to wait for a free instance when all are leased ({@code null}: as long as it
     *     takes)
     * @throws PoolExhaustedException no instance became free within {@code acquireTimeout} (the gateway answers
     *     503); the guest did not run, and the exchange is finished ({@link #handle} never leaves it open)
     * @throws Trap as the other {@code handle}s; also {@code INTERRUPTED} when the exchange was abandoned or the
     *     thread interrupted before an instance was leased
     * @throws IllegalStateException the pool is closed
     */
    public void handle(PreparedComponent prepared, InstancePool pool, HttpExchange exchange, Duration acquireTimeout,
            Duration deadline) {
        InstancePool.Lease lease;
        try {
            if (exchange.isAbandoned()) {
                throw new Trap(TrapReason.INTERRUPTED, "the client went away before the guest started");
            }
            lease = acquireTimeout == null ? pool.acquire() : pool.acquire(acquireTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.guestFinished();
            throw new Trap(TrapReason.INTERRUPTED, "interrupted while waiting for a free instance", e);
        } catch (RuntimeException | Error e) { // exhausted, closed, instantiation failed
            exchange.guestFinished();
            throw e;
        }
        handle(prepared, lease, exchange, deadline);
    }

    /**
     * Serves {@code exchange} with the instance of {@code lease} (of {@code prepared}, made resettable by its
     * pool), then closes the lease: the instance is reset for the next request, or discarded when the call
     * trapped, was interrupted (deadline or {@link HttpExchange#abandon() abandon}), the guest called {@code
     * exit}, or it did not return normally for any other reason. Objects the guest left in its tables are
     * released by the reset ({@code TEARDOWN}); this request's {@code WasiState} (stdio captures, response
     * limits, outbound settings) replaces whatever the instance had. Takes ownership of the lease, whatever
     * happens; the lease is closed only after the call returned.
     *
     * @throws Trap the guest trapped (500), ran out of time (504), or was interrupted because the exchange was
     *     abandoned ({@code INTERRUPTED})
     * @throws GuestExitException the guest called {@code exit(err)}
     */
    public void handle(PreparedComponent prepared, InstancePool.Lease lease, HttpExchange exchange, Duration deadline) {
        WasiState state = newState(exchange);
        GuestCall call = null;
        try {
            String handler = cachedHandlerExport(prepared);
            call = new GuestCall(lease.instance());
            call.run(handler, exchange, state, deadline);
        } finally {
            try {
                // a poisoned instance is discarded by the pool under its trap's reason; the rest is our call
                if (call != null && !call.leftInstanceReusable() && !lease.instance().isPoisoned()) {
                    lease.discard();
                }
                lease.close();
            } finally {
                state.flushStdio();
                exchange.guestFinished();
            }
        }
    }

    /**
     * The options pooled instances need from this host, added to {@code base}: a state for what a
     * guest does while it is instantiated or reset (a start function, or a reactor's {@code _initialize} reading its
     * environment or printing), with this host's environment, outbound settings and log sink but no request. Each
     * request replaces it with its own ({@link #handle(PreparedComponent, InstancePool, HttpExchange, Duration,
     * Duration)}).
     */
    public InstanceOptions poolOptions(InstanceOptions base) {
        return base.withFactory(WasiState.KEY, () -> newState(HttpExchange.Limits.DEFAULT));
    }

    private WasiState newState(HttpExchange exchange) {
        return newState(exchange.responseLimits());
    }

    private WasiState newState(HttpExchange.Limits limits) {
        return newState(new OutgoingBodyStream.Limits(limits.responseChunkBytes(), limits.responseBufferBytes()));
    }

    private WasiState newState(OutgoingBodyStream.Limits responseLimits) {
        return new WasiState(responseLimits, config.environment(), config.outbound(),
                new CaptureStream(line -> config.logSink().line(LogSink.Stream.STDOUT, line), config.stdioMaxBytes()),
                new CaptureStream(line -> config.logSink().line(LogSink.Stream.STDERR, line), config.stdioMaxBytes()));
    }

    private String cachedHandlerExport(PreparedComponent prepared) {
        HandlerExport last = lastHandler;
        if (last == null || last.prepared() != prepared) {
            last = new HandlerExport(prepared, handlerExport(prepared));
            lastHandler = last;
        }
        return last.name();
    }

    /** {@link #handlerExport(ComponentPlan)} of {@code prepared}'s plan. */
    public static String handlerExport(PreparedComponent prepared) {
        return handlerExport(prepared.plan());
    }

    /**
     * The exact name of the {@code wasi:http/incoming-handler} export this host serves: the one whose version is
     * semver-compatible with {@code 0.2.0} by the engine's rule ({@link ComponentPlan#exportedInterface}), so any
     * stable {@code 0.2.x} release; a pre-release ({@code 0.2.0-rc-2023-12-05}, {@code -draft}) matches only
     * itself and is not served. The one check of uploads, the gateway and developer mode.
     *
     * @throws IllegalArgumentException with a reason for people: no such export (naming the incoming-handler
     *     versions the component exports instead, if any), or several exported 0.2 versions
     */
    public static String handlerExport(ComponentPlan plan) {
        String served = Wasi.INCOMING_HANDLER + "@0.2.x";
        List<String> handlers = plan.component().exports().stream().map(ComponentExtern::name)
                .filter(n -> n.equals(Wasi.INCOMING_HANDLER) || n.startsWith(Wasi.INCOMING_HANDLER + "@")).toList();
        Optional<String> handler;
        try {
            handler = plan.exportedInterface(Wasi.INCOMING_HANDLER + "@0.2.0");
        } catch (IllegalArgumentException ambiguous) { // several 0.2 versions, none exactly 0.2.0
            throw new IllegalArgumentException("the component exports several versions of " + served + " ("
                    + String.join(", ", handlers) + "); Wharf serves one, so it must export one", ambiguous);
        }
        return handler.orElseThrow(() -> new IllegalArgumentException("the component does not export " + served
                + " (the wasi:http/proxy world's incoming handler), so it cannot serve requests"
                + (handlers.isEmpty() ? "" : "; it exports " + String.join(", ", handlers) + ", and Wharf serves "
                        + served + " (stable 0.2 releases; a pre-release matches only itself)")));
    }
}
