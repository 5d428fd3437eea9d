package dev.wharf.engine.link;

import static dev.wharf.engine.values.WitValue.ok;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.HostFunction;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.values.WitValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal fake of the host functions the C fixtures' happy paths call (wasi:http@0.2.10 types and
 * outgoing-handler, wasi:io streams, wasi:cli stdio, wasi:config, wasi:keyvalue), built on
 * {@link StubLinker} so every other import is a failing stub. Behaviours are keyed by bare function
 * name. Not an implementation of any of these interfaces: enough to drive real compiler-produced
 * components end to end in tests. Resources are plain ints (reps) indexing the maps below.
 */
final class FakeWasiHttp {
    static final String TYPES = "wasi:http/types@0.2.10";
    static final String HANDLER = "wasi:http/incoming-handler@0.2.10";

    // the request
    int method = 0; // variant method { get, head, post, ... }
    String pathWithQuery = "/";
    List<String[]> requestHeaders = new ArrayList<>();
    ArrayDeque<byte[]> requestBody = new ArrayDeque<>();
    /** wasi:config/store values (get, get-all); {@code null} makes both return error.upstream. */
    Map<String, String> config = new java.util.LinkedHashMap<>();
    /** wasi:keyvalue bucket "" (values stored as decimal text, as the atomics increment leaves them). */
    final Map<String, byte[]> keyValues = new HashMap<>();

    // what the guest did
    final Map<Integer, List<String>> fields = new HashMap<>();
    final Map<Integer, Integer> status = new HashMap<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    /** Output streams by rep: the response body stream and wasi:cli stdout/stderr. */
    private final Map<Integer, ByteArrayOutputStream> outputs = new HashMap<>();
    final List<String> events = new ArrayList<>();
    /** Outgoing requests: method/scheme/authority/path as set, joined by spaces. */
    final List<String> outgoing = new ArrayList<>();
    /** Status of the upstream response outgoing-handler.handle returns (its body comes from requestBody). */
    int upstreamStatus = 200;
    private final Map<Integer, StringBuilder> outgoingRequests = new HashMap<>();
    WitValue responseSet;

    private final Map<String, ResourceType> types = new HashMap<>();
    private int nextRep = 1;
    private static final int REQUEST = 1000;
    private static final int REQUEST_HEADERS = 1001;

    private static int rep(WitValue v) {
        return v instanceof WitValue.Own o ? o.rep() : ((WitValue.Borrow) v).rep();
    }

    private WitValue.Own own(String type, int rep) {
        return WitValue.own(types.get(type), rep);
    }

    private int newRep() {
        return nextRep++;
    }

    private Map<String, HostFunction> behaviours() {
        Map<String, HostFunction> f = new HashMap<>();
        f.put("[constructor]fields", args -> {
            int rep = newRep();
            fields.put(rep, new ArrayList<>());
            return own("fields", rep);
        });
        f.put("[method]fields.append", args -> {
            fields.get(rep(args.get(0))).add(((WitValue.Str) args.get(1)).value() + ": "
                    + new String(((WitValue.Bytes) args.get(2)).toByteArray(), StandardCharsets.UTF_8));
            return ok();
        });
        f.put("[method]fields.entries", args -> {
            List<WitValue> entries = new ArrayList<>();
            for (String[] h : requestHeaders) {
                entries.add(WitValue.tuple(WitValue.string(h[0]), WitValue.bytes(h[1].getBytes(StandardCharsets.UTF_8))));
            }
            return WitValue.list(entries);
        });
        f.put("[method]incoming-request.method", args -> WitValue.variant(method));
        f.put("[method]incoming-request.path-with-query", args -> WitValue.some(WitValue.string(pathWithQuery)));
        f.put("[method]incoming-request.headers", args -> own("fields", REQUEST_HEADERS));
        f.put("[method]incoming-request.consume", args -> ok(own("incoming-body", newRep())));
        f.put("[method]incoming-body.stream", args -> ok(own("input-stream", newRep())));
        f.put("[method]input-stream.blocking-read", args -> requestBody.isEmpty()
                ? WitValue.err(WitValue.variant(1)) // stream-error.closed
                : ok(WitValue.bytes(requestBody.poll())));
        f.put("[static]incoming-body.finish", args -> own("future-trailers", newRep()));
        f.put("[constructor]outgoing-response", args -> {
            int rep = newRep();
            fields.put(rep, fields.get(rep(args.get(0))));
            return own("outgoing-response", rep);
        });
        f.put("[method]outgoing-response.set-status-code", args -> {
            status.put(rep(args.get(0)), ((WitValue.U16) args.get(1)).value());
            return ok();
        });
        f.put("[method]outgoing-response.body", args -> ok(own("outgoing-body", newRep())));
        f.put("[method]outgoing-body.write", args -> {
            int rep = newRep();
            outputs.put(rep, body);
            return ok(own("output-stream", rep));
        });
        f.put("get-stdout", args -> {
            int rep = newRep();
            outputs.put(rep, stdout);
            return own("output-stream", rep);
        });
        f.put("get-stdin", args -> own("input-stream", newRep()));
        f.put("get-directories", args -> WitValue.list(List.of())); // wasi:filesystem/preopens: none
        f.put("get-stderr", args -> {
            int rep = newRep();
            outputs.put(rep, stderr);
            return own("output-stream", rep);
        });
        f.put("[method]output-stream.blocking-write-and-flush", args -> {
            outputs.get(rep(args.get(0))).writeBytes(((WitValue.Bytes) args.get(1)).toByteArray());
            return ok();
        });
        f.put("[method]output-stream.check-write", args -> ok(WitValue.u64(65536)));
        f.put("[method]output-stream.write", args -> {
            outputs.get(rep(args.get(0))).writeBytes(((WitValue.Bytes) args.get(1)).toByteArray());
            return ok();
        });
        f.put("[method]output-stream.blocking-flush", args -> ok());
        f.put("[static]outgoing-body.finish", args -> {
            WitValue.OptionValue trailers = (WitValue.OptionValue) args.get(1);
            events.add(trailers.value().map(t -> "finish with trailers " + fields.get(rep(t))).orElse("finish"));
            return ok();
        });
        f.put("get", args -> {
            if (config == null) {
                return WitValue.err(WitValue.variant(0, WitValue.string("config unavailable")));
            }
            String v = config.get(((WitValue.Str) args.get(0)).value());
            return ok(v == null ? WitValue.none() : WitValue.some(WitValue.string(v)));
        });
        f.put("get-all", args -> {
            if (config == null) {
                return WitValue.err(WitValue.variant(0, WitValue.string("config unavailable")));
            }
            List<WitValue> pairs = new ArrayList<>();
            config.forEach((k, v) -> pairs.add(WitValue.tuple(WitValue.string(k), WitValue.string(v))));
            return ok(WitValue.list(pairs));
        });
        f.put("open", args -> ok(own("bucket", newRep())));
        f.put("[method]bucket.get", args -> {
            byte[] v = keyValues.get(((WitValue.Str) args.get(1)).value());
            return ok(v == null ? WitValue.none() : WitValue.some(WitValue.bytes(v)));
        });
        f.put("increment", args -> {
            String key = ((WitValue.Str) args.get(1)).value();
            long delta = args.get(2) instanceof WitValue.S64 d ? d.value() : ((WitValue.U64) args.get(2)).bits();
            byte[] old = keyValues.get(key);
            long next = (old == null ? 0 : Long.parseLong(new String(old, StandardCharsets.UTF_8))) + delta;
            keyValues.put(key, Long.toString(next).getBytes(StandardCharsets.UTF_8));
            return ok(WitValue.s64(next));
        });
        f.put("[constructor]outgoing-request", args -> {
            int rep = newRep();
            outgoingRequests.put(rep, new StringBuilder());
            return own("outgoing-request", rep);
        });
        f.put("[method]outgoing-request.set-method", args -> {
            outgoingRequests.get(rep(args.get(0))).append("method=").append(((WitValue.VariantValue) args.get(1)).caseIndex());
            return ok();
        });
        f.put("[method]outgoing-request.set-scheme", args -> {
            outgoingRequests.get(rep(args.get(0))).append(" scheme=").append(args.get(1));
            return ok();
        });
        f.put("[method]outgoing-request.set-authority", args -> {
            outgoingRequests.get(rep(args.get(0))).append(" authority=").append(args.get(1));
            return ok();
        });
        f.put("[method]outgoing-request.set-path-with-query", args -> {
            outgoingRequests.get(rep(args.get(0))).append(" path=").append(args.get(1));
            return ok();
        });
        f.put("handle", args -> { // wasi:http/outgoing-handler
            outgoing.add(outgoingRequests.remove(rep(args.get(0))).toString());
            return ok(own("future-incoming-response", newRep()));
        });
        f.put("[method]future-incoming-response.subscribe", args -> own("pollable", newRep()));
        f.put("[method]pollable.block", args -> null);
        f.put("[method]future-incoming-response.get", args -> WitValue.some(ok(ok(own("incoming-response", newRep())))));
        f.put("[method]incoming-response.status", args -> WitValue.u16(upstreamStatus));
        f.put("[method]incoming-response.consume", args -> ok(own("incoming-body", newRep())));
        f.put("[method]fields.get", args -> {
            String name = ((WitValue.Str) args.get(1)).value();
            List<WitValue> values = new ArrayList<>();
            if (rep(args.get(0)) == REQUEST_HEADERS) {
                for (String[] h : requestHeaders) {
                    if (h[0].equals(name)) {
                        values.add(WitValue.bytes(h[1].getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
            return WitValue.list(values);
        });
        f.put("[static]response-outparam.set", args -> {
            responseSet = args.get(1);
            return null;
        });
        return f;
    }

    /** Links and instantiates {@code plan}, calls {@code handle} once. */
    void handle(Engine engine, ComponentPlan plan) {
        handle(engine, plan, CoreLimits.UNLIMITED);
    }

    void handle(Engine engine, ComponentPlan plan, CoreLimits limits) {
        StubLinker stubs = new StubLinker(engine, plan, behaviours());
        stubs.resources.forEach((k, v) -> types.putIfAbsent(k.substring(k.indexOf('#') + 1), v));
        try (ComponentInstance instance = stubs.linker.prepare(plan).instantiate(limits)) {
            WitValue result = instance.function(HANDLER, "handle").call(own("incoming-request", REQUEST), own("response-outparam", newRep()));
            if (result != null) {
                throw new AssertionError("handle returned " + result);
            }
        }
    }

    /** The response the guest set: its status. */
    int responseStatus() {
        return status.get(responseRep());
    }

    List<String> responseHeaders() {
        return fields.get(responseRep());
    }

    private int responseRep() {
        WitValue.ResultValue set = (WitValue.ResultValue) responseSet;
        if (!set.ok()) {
            throw new AssertionError("guest set an error response: " + set);
        }
        return rep(set.payload().orElseThrow());
    }
}
