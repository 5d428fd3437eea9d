package dev.wharf.engine.link;

import static dev.wharf.engine.values.WitValue.ok;

import dev.wharf.engine.Caller;
import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.HostFunction;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.RawHostFunction;
import dev.wharf.engine.StateKey;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.values.WitValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal fake of the host functions the C fixtures' happy paths call (wasi:http@0.2.10 types and
 * outgoing-handler, wasi:io streams, wasi:cli stdio, wasi:config, wasi:keyvalue), built on
 * {@link StubLinker} so every other import is a failing stub. Not an implementation of any of
 * these interfaces: enough to drive real compiler-produced components end to end in tests.
 *
 * <p>It is written the way a host plugin is: the host functions ({@link #BEHAVIOURS}) are
 * stateless and shared by every linker and instance. An object of this class is one request's
 * exchange (the request in, what the guest did out); {@link #handle} puts it into the instance's
 * host state under {@link #EXCHANGE}, and every resource the guest holds is a Java object in the
 * instance's {@link dev.wharf.engine.ResourceTable}s ({@code caller.resources(...)}). No static or
 * thread-local state: two instances serving at once never see each other's objects.
 */
final class FakeWasiHttp {
    static final String TYPES = "wasi:http/types@0.2.10";
    static final String HANDLER = "wasi:http/incoming-handler@0.2.10";
    static final StateKey<FakeWasiHttp> EXCHANGE = StateKey.of("fake-wasi-http exchange");

    // host resource types, by the name the WIT interfaces give them
    static final ResourceType FIELDS = ResourceType.host("fields");
    static final ResourceType INCOMING_REQUEST = ResourceType.host("incoming-request");
    static final ResourceType RESPONSE_OUTPARAM = ResourceType.host("response-outparam");
    static final ResourceType OUTGOING_RESPONSE = ResourceType.host("outgoing-response");
    static final ResourceType INCOMING_BODY = ResourceType.host("incoming-body");
    static final ResourceType OUTGOING_BODY = ResourceType.host("outgoing-body");
    static final ResourceType INPUT_STREAM = ResourceType.host("input-stream");
    static final ResourceType OUTPUT_STREAM = ResourceType.host("output-stream");
    static final ResourceType FUTURE_TRAILERS = ResourceType.host("future-trailers");
    static final ResourceType BUCKET = ResourceType.host("bucket");
    static final ResourceType OUTGOING_REQUEST = ResourceType.host("outgoing-request");
    static final ResourceType FUTURE_INCOMING_RESPONSE = ResourceType.host("future-incoming-response");
    static final ResourceType INCOMING_RESPONSE = ResourceType.host("incoming-response");
    static final ResourceType POLLABLE = ResourceType.host("pollable");
    private static final Map<String, ResourceType> HOST_TYPES = Map.ofEntries(
            Map.entry("fields", FIELDS), Map.entry("incoming-request", INCOMING_REQUEST),
            Map.entry("response-outparam", RESPONSE_OUTPARAM), Map.entry("outgoing-response", OUTGOING_RESPONSE),
            Map.entry("incoming-body", INCOMING_BODY), Map.entry("outgoing-body", OUTGOING_BODY),
            Map.entry("input-stream", INPUT_STREAM), Map.entry("output-stream", OUTPUT_STREAM),
            Map.entry("future-trailers", FUTURE_TRAILERS), Map.entry("bucket", BUCKET),
            Map.entry("outgoing-request", OUTGOING_REQUEST), Map.entry("future-incoming-response", FUTURE_INCOMING_RESPONSE),
            Map.entry("incoming-response", INCOMING_RESPONSE), Map.entry("pollable", POLLABLE));

    /** A {@code fields} resource (headers and trailers too): name/value pairs in order. */
    static final class Fields {
        final List<String[]> pairs = new ArrayList<>();

        List<String> lines() {
            return pairs.stream().map(p -> p[0] + ": " + p[1]).toList();
        }
    }

    /** An {@code outgoing-response}: its headers and status. */
    static final class Response {
        final Fields headers;
        int status = 200;

        Response(Fields headers) {
            this.headers = headers;
        }
    }

    /** An incoming body and its input stream: the chunks still to read. */
    record Chunks(ArrayDeque<byte[]> remaining) {}

    // the request
    int method = 0; // variant method { get, head, post, ... }
    String pathWithQuery = "/";
    List<String[]> requestHeaders = new ArrayList<>();
    ArrayDeque<byte[]> requestBody = new ArrayDeque<>();
    /** wasi:config/store values (get, get-all); {@code null} makes both return error.upstream. */
    Map<String, String> config = new LinkedHashMap<>();
    /** wasi:keyvalue bucket "" (values stored as decimal text, as the atomics increment leaves them). */
    final Map<String, byte[]> keyValues = new HashMap<>();
    /** Status of the upstream response outgoing-handler.handle returns (its body comes from requestBody). */
    int upstreamStatus = 200;

    // what the guest did
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    final List<String> events = new ArrayList<>();
    /** Outgoing requests: method/scheme/authority/path as set, joined by spaces. */
    final List<String> outgoing = new ArrayList<>();
    /** The response the guest set ({@code response-outparam.set}), or null. */
    Response response;
    /** Objects left in the instance's resource tables when handle returned, by resource name. */
    final Map<String, Integer> leftInTables = new LinkedHashMap<>();

    private static FakeWasiHttp exchange(Caller caller) {
        return caller.state(EXCHANGE);
    }

    private static <T> T object(Caller caller, ResourceType type, WitValue handle) {
        return caller.<T>resources(type).get(handle);
    }

    private static String str(WitValue v) {
        return ((WitValue.Str) v).value();
    }

    /** The host functions, by bare function name: stateless, shared by every instance. */
    static final Map<String, Object> BEHAVIOURS = behaviours();

    private static Map<String, Object> behaviours() {
        Map<String, HostFunction> f = new HashMap<>();
        f.put("[constructor]fields", (c, args) -> c.resources(FIELDS).insert(new Fields()));
        f.put("[method]fields.append", (c, args) -> {
            Fields fields = object(c, FIELDS, args.get(0));
            fields.pairs.add(new String[] {str(args.get(1)), new String(((WitValue.Bytes) args.get(2)).toByteArray(), StandardCharsets.UTF_8)});
            return ok();
        });
        f.put("[method]fields.entries", (c, args) -> {
            Fields fields = object(c, FIELDS, args.get(0));
            return WitValue.list(fields.pairs.stream()
                    .map(p -> (WitValue) WitValue.tuple(WitValue.string(p[0]), WitValue.bytes(p[1].getBytes(StandardCharsets.UTF_8))))
                    .toList());
        });
        f.put("[method]fields.get", (c, args) -> {
            Fields fields = object(c, FIELDS, args.get(0));
            String name = str(args.get(1));
            return WitValue.list(fields.pairs.stream().filter(p -> p[0].equals(name))
                    .map(p -> (WitValue) WitValue.bytes(p[1].getBytes(StandardCharsets.UTF_8))).toList());
        });
        f.put("[method]incoming-request.method", (c, args) -> {
            FakeWasiHttp request = object(c, INCOMING_REQUEST, args.get(0));
            return WitValue.variant(request.method);
        });
        f.put("[method]incoming-request.path-with-query", (c, args) -> {
            FakeWasiHttp request = object(c, INCOMING_REQUEST, args.get(0));
            return WitValue.some(WitValue.string(request.pathWithQuery));
        });
        f.put("[method]incoming-request.headers", (c, args) -> {
            Fields headers = new Fields();
            headers.pairs.addAll(exchange(c).requestHeaders);
            return c.resources(FIELDS).insert(headers);
        });
        f.put("[method]incoming-request.consume", (c, args) -> ok(c.resources(INCOMING_BODY).insert(new Chunks(exchange(c).requestBody))));
        f.put("[method]incoming-body.stream", (c, args) -> {
            Chunks body = object(c, INCOMING_BODY, args.get(0));
            return ok(c.resources(INPUT_STREAM).insert(body));
        });
        f.put("[method]input-stream.blocking-read", (c, args) -> {
            Chunks in = object(c, INPUT_STREAM, args.get(0));
            return in.remaining().isEmpty()
                    ? WitValue.err(WitValue.variant(1)) // stream-error.closed
                    : ok(WitValue.bytes(in.remaining().poll()));
        });
        f.put("[static]incoming-body.finish", (c, args) -> {
            c.resources(INCOMING_BODY).remove((WitValue.Own) args.get(0));
            return c.resources(FUTURE_TRAILERS).insert("no trailers");
        });
        f.put("[constructor]outgoing-response", (c, args) -> {
            Fields headers = c.<Fields>resources(FIELDS).remove((WitValue.Own) args.get(0)); // ownership moves in
            return c.resources(OUTGOING_RESPONSE).insert(new Response(headers));
        });
        f.put("[method]outgoing-response.set-status-code", (c, args) -> {
            Response r = object(c, OUTGOING_RESPONSE, args.get(0));
            r.status = ((WitValue.U16) args.get(1)).value();
            return ok();
        });
        f.put("[method]outgoing-response.body", (c, args) -> ok(c.resources(OUTGOING_BODY).insert("outgoing body")));
        f.put("[method]outgoing-body.write", (c, args) -> ok(c.resources(OUTPUT_STREAM).insert(exchange(c).body)));
        f.put("get-stdout", (c, args) -> c.resources(OUTPUT_STREAM).insert(exchange(c).stdout));
        f.put("get-stderr", (c, args) -> c.resources(OUTPUT_STREAM).insert(exchange(c).stderr));
        f.put("get-stdin", (c, args) -> c.resources(INPUT_STREAM).insert(new Chunks(new ArrayDeque<>())));
        f.put("get-directories", (c, args) -> WitValue.list(List.of())); // wasi:filesystem/preopens: none
        f.put("[method]output-stream.check-write", (c, args) -> ok(WitValue.u64(65536)));
        f.put("[method]output-stream.write", (c, args) -> {
            ByteArrayOutputStream out = object(c, OUTPUT_STREAM, args.get(0));
            out.writeBytes(((WitValue.Bytes) args.get(1)).toByteArray());
            return ok();
        });
        f.put("[method]output-stream.blocking-flush", (c, args) -> ok());
        f.put("[static]outgoing-body.finish", (c, args) -> {
            c.resources(OUTGOING_BODY).remove((WitValue.Own) args.get(0));
            WitValue.OptionValue trailers = (WitValue.OptionValue) args.get(1);
            exchange(c).events.add(trailers.value()
                    .map(t -> "finish with trailers " + c.<Fields>resources(FIELDS).remove((WitValue.Own) t).lines())
                    .orElse("finish"));
            return ok();
        });
        f.put("get", (c, args) -> {
            Map<String, String> config = exchange(c).config;
            if (config == null) {
                return WitValue.err(WitValue.variant(0, WitValue.string("config unavailable")));
            }
            String v = config.get(str(args.get(0)));
            return ok(v == null ? WitValue.none() : WitValue.some(WitValue.string(v)));
        });
        f.put("get-all", (c, args) -> {
            Map<String, String> config = exchange(c).config;
            if (config == null) {
                return WitValue.err(WitValue.variant(0, WitValue.string("config unavailable")));
            }
            List<WitValue> pairs = new ArrayList<>();
            config.forEach((k, v) -> pairs.add(WitValue.tuple(WitValue.string(k), WitValue.string(v))));
            return ok(WitValue.list(pairs));
        });
        f.put("open", (c, args) -> ok(c.resources(BUCKET).insert(exchange(c).keyValues)));
        f.put("[method]bucket.get", (c, args) -> {
            Map<String, byte[]> bucket = object(c, BUCKET, args.get(0));
            byte[] v = bucket.get(str(args.get(1)));
            return ok(v == null ? WitValue.none() : WitValue.some(WitValue.bytes(v)));
        });
        f.put("increment", (c, args) -> {
            Map<String, byte[]> bucket = object(c, BUCKET, args.get(0));
            String key = str(args.get(1));
            long delta = args.get(2) instanceof WitValue.S64 d ? d.value() : ((WitValue.U64) args.get(2)).bits();
            byte[] old = bucket.get(key);
            long next = (old == null ? 0 : Long.parseLong(new String(old, StandardCharsets.UTF_8))) + delta;
            bucket.put(key, Long.toString(next).getBytes(StandardCharsets.UTF_8));
            return ok(WitValue.s64(next));
        });
        f.put("[constructor]outgoing-request", (c, args) -> {
            c.resources(FIELDS).remove((WitValue.Own) args.get(0));
            return c.resources(OUTGOING_REQUEST).insert(new StringBuilder());
        });
        f.put("[method]outgoing-request.set-method", (c, args) -> {
            c.<StringBuilder>resources(OUTGOING_REQUEST).get(args.get(0)).append("method=").append(((WitValue.VariantValue) args.get(1)).caseIndex());
            return ok();
        });
        f.put("[method]outgoing-request.set-scheme", (c, args) -> {
            c.<StringBuilder>resources(OUTGOING_REQUEST).get(args.get(0)).append(" scheme=").append(args.get(1));
            return ok();
        });
        f.put("[method]outgoing-request.set-authority", (c, args) -> {
            c.<StringBuilder>resources(OUTGOING_REQUEST).get(args.get(0)).append(" authority=").append(args.get(1));
            return ok();
        });
        f.put("[method]outgoing-request.set-path-with-query", (c, args) -> {
            c.<StringBuilder>resources(OUTGOING_REQUEST).get(args.get(0)).append(" path=").append(args.get(1));
            return ok();
        });
        f.put("handle", (c, args) -> { // wasi:http/outgoing-handler
            StringBuilder request = c.<StringBuilder>resources(OUTGOING_REQUEST).remove((WitValue.Own) args.get(0));
            exchange(c).outgoing.add(request.toString());
            return ok(c.resources(FUTURE_INCOMING_RESPONSE).insert(exchange(c)));
        });
        f.put("[method]future-incoming-response.subscribe", (c, args) -> c.resources(POLLABLE).insert("ready"));
        f.put("[method]pollable.block", (c, args) -> null);
        f.put("[method]future-incoming-response.get", (c, args) -> {
            FakeWasiHttp upstream = object(c, FUTURE_INCOMING_RESPONSE, args.get(0));
            return WitValue.some(ok(ok(c.resources(INCOMING_RESPONSE).insert(upstream))));
        });
        f.put("[method]incoming-response.status", (c, args) -> {
            FakeWasiHttp upstream = object(c, INCOMING_RESPONSE, args.get(0));
            return WitValue.u16(upstream.upstreamStatus);
        });
        f.put("[method]incoming-response.consume", (c, args) -> ok(c.resources(INCOMING_BODY).insert(new Chunks(exchange(c).requestBody))));
        f.put("[static]response-outparam.set", (c, args) -> {
            c.resources(RESPONSE_OUTPARAM).remove((WitValue.Own) args.get(0));
            WitValue.ResultValue set = (WitValue.ResultValue) args.get(1);
            if (!set.ok()) {
                throw new AssertionError("guest set an error response: " + set);
            }
            exchange(c).response = c.<Response>resources(OUTGOING_RESPONSE).remove((WitValue.Own) set.payload().orElseThrow());
            return null;
        });
        Map<String, Object> all = new HashMap<>(f);
        all.put("[method]output-stream.blocking-write-and-flush", (RawHostFunction) FakeWasiHttp::blockingWriteAndFlush);
        return Map.copyOf(all);
    }

    /**
     * {@code blocking-write-and-flush(self: borrow<output-stream>, contents: list<u8>) -> result<_, stream-error>}
     * as a raw function: the bytes go from guest memory straight into the stream, no {@code WitValue}s.
     * Flat arguments: the self handle, the list's pointer and length, and the return pointer
     * (the result takes 3 flat values), where {@code ok} is a 0 discriminant byte.
     */
    private static long[] blockingWriteAndFlush(Caller c, long[] args) {
        ByteArrayOutputStream out = c.handle(OUTPUT_STREAM, (int) args[0]);
        out.writeBytes(c.memory().readBytes((int) args[1], (int) args[2]));
        c.memory().writeByte((int) args[3], (byte) 0);
        return new long[0];
    }

    /** A linker for {@code plan} with the fake's behaviours and its resource types. */
    static PreparedComponent prepare(Engine engine, ComponentPlan plan) {
        return new StubLinker(engine, plan, BEHAVIOURS, name -> HOST_TYPES.getOrDefault(name, ResourceType.host(name))).linker.prepare(plan);
    }

    /** Links and instantiates {@code plan}, calls {@code handle} once. */
    void handle(Engine engine, ComponentPlan plan) {
        handle(prepare(engine, plan), CoreLimits.UNLIMITED);
    }

    void handle(Engine engine, ComponentPlan plan, CoreLimits limits) {
        handle(prepare(engine, plan), limits);
    }

    /** Instantiates {@code prepared} with this exchange as its state, calls {@code handle} once. */
    void handle(PreparedComponent prepared, CoreLimits limits) {
        try (ComponentInstance instance = prepared.instantiate(InstanceOptions.defaults().withLimits(limits).with(EXCHANGE, this))) {
            handleOn(instance);
        }
    }

    /**
     * Calls {@code handle} once on {@code instance} (a pooled one, say), with this exchange as its
     * {@link #EXCHANGE} state, and records what the guest left in the resource tables.
     */
    void handleOn(ComponentInstance instance) {
        instance.setState(EXCHANGE, this);
        WitValue request = instance.resources(INCOMING_REQUEST).insert(this);
        WitValue outparam = instance.resources(RESPONSE_OUTPARAM).insert(this);
        WitValue result = instance.function(HANDLER, "handle").call(request, outparam);
        if (result != null) {
            throw new AssertionError("handle returned " + result);
        }
        HOST_TYPES.forEach((name, type) -> {
            try {
                int n = instance.resources(type).size();
                if (n > 0) {
                    leftInTables.put(name, n);
                }
            } catch (IllegalArgumentException notImported) {
                // the component does not import this resource
            }
        });
    }

    /** The response the guest set: its status. */
    int responseStatus() {
        return response().status;
    }

    List<String> responseHeaders() {
        return response().headers.lines();
    }

    private Response response() {
        if (response == null) {
            throw new AssertionError("the guest set no response");
        }
        return response;
    }
}
