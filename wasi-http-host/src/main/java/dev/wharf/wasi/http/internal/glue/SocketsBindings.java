package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.internal.io.Pollables;

/**
 * {@code wasi:sockets} (0.2): the whole interface, with the network closed. A guest reaches the network through
 * {@code wasi:http/outgoing-handler} only, where the platform's outbound policy applies; raw sockets would bypass it.
 * So creating a TCP or UDP socket and resolving a name answer {@code access-denied} (as wasmtime does without
 * {@code -S inherit-network}), {@code instance-network} hands out a network that permits nothing, and no socket or
 * address stream can ever exist, so their methods answer {@code invalid-state} should one be called.
 *
 * <p>Defining it all matters because toolchains import it whether or not the code uses it: Rust's std on
 * wasm32-wasip2 ({@code std::net}), TinyGo's {@code net} package, CPython in componentize-py. Without these
 * definitions such components would not link at all.
 */
public final class SocketsBindings {
    /** The one network object: it permits nothing, so it carries no state. */
    private static final Object CLOSED_NETWORK = new Object();

    private SocketsBindings() {}

    public static void register(Binder b) {
        Binder.Fn denied = (c, a) -> WitValue.err(WitValue.enumCase(Wasi.SOCKET_EC_ACCESS_DENIED));
        Binder.Fn invalid = (c, a) -> WitValue.err(WitValue.enumCase(Wasi.SOCKET_EC_INVALID_STATE));
        Binder.Fn ready = (c, a) -> c.resources(Wasi.POLLABLE).insert(Pollables.ready());
        String err = "socket-error-code>";

        b.resource(Wasi.SOCKETS_NETWORK, Wasi.NETWORK, null);
        b.fn(Wasi.SOCKETS_NETWORK, "network-error-code", "func(err: borrow<error>) -> option<socket-error-code>",
                (c, a) -> WitValue.none());
        b.fn(Wasi.SOCKETS_INSTANCE_NETWORK, "instance-network", "func() -> own<network>",
                (c, a) -> c.resources(Wasi.NETWORK).insert(CLOSED_NETWORK));

        String lookup = Wasi.SOCKETS_IP_NAME_LOOKUP;
        b.resource(lookup, Wasi.RESOLVE_ADDRESS_STREAM, null);
        b.fn(lookup, "resolve-addresses", "func(network: borrow<network>, name: string) -> result<own<resolve-address-stream>, "
                + err, denied);
        b.fn(lookup, "[method]resolve-address-stream.resolve-next-address",
                "func(self: borrow<resolve-address-stream>) -> result<option<ip-address>, " + err, invalid);
        b.fn(lookup, "[method]resolve-address-stream.subscribe", "func(self: borrow<resolve-address-stream>) -> own<pollable>",
                ready);

        registerTcp(b, denied, invalid, ready, err);
        registerUdp(b, denied, invalid, ready, err);
    }

    private static void registerTcp(Binder b, Binder.Fn denied, Binder.Fn invalid, Binder.Fn ready, String err) {
        String tcp = Wasi.SOCKETS_TCP;
        String self = "func(self: borrow<tcp-socket>";
        b.resource(tcp, Wasi.TCP_SOCKET, null);
        b.fn(Wasi.SOCKETS_TCP_CREATE, "create-tcp-socket",
                "func(address-family: ip-address-family) -> result<own<tcp-socket>, " + err, denied);
        b.fn(tcp, "[method]tcp-socket.start-bind", self + ", network: borrow<network>, local-address: ip-socket-address) "
                + "-> result<_, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.finish-bind", self + ") -> result<_, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.start-connect", self + ", network: borrow<network>, remote-address: ip-socket-address) "
                + "-> result<_, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.finish-connect", self + ") -> result<tuple<own<input-stream>, own<output-stream>>, "
                + err, invalid);
        b.fn(tcp, "[method]tcp-socket.start-listen", self + ") -> result<_, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.finish-listen", self + ") -> result<_, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.accept", self + ") -> result<tuple<own<tcp-socket>, own<input-stream>, "
                + "own<output-stream>>, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.local-address", self + ") -> result<ip-socket-address, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.remote-address", self + ") -> result<ip-socket-address, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.is-listening", self + ") -> bool", (c, a) -> WitValue.bool(false));
        b.fn(tcp, "[method]tcp-socket.address-family", self + ") -> ip-address-family", (c, a) -> WitValue.enumCase(0));
        b.fn(tcp, "[method]tcp-socket.set-listen-backlog-size", self + ", value: u64) -> result<_, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.keep-alive-enabled", self + ") -> result<bool, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.set-keep-alive-enabled", self + ", value: bool) -> result<_, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.keep-alive-idle-time", self + ") -> result<u64, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.set-keep-alive-idle-time", self + ", value: u64) -> result<_, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.keep-alive-interval", self + ") -> result<u64, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.set-keep-alive-interval", self + ", value: u64) -> result<_, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.keep-alive-count", self + ") -> result<u32, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.set-keep-alive-count", self + ", value: u32) -> result<_, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.hop-limit", self + ") -> result<u8, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.set-hop-limit", self + ", value: u8) -> result<_, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.receive-buffer-size", self + ") -> result<u64, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.set-receive-buffer-size", self + ", value: u64) -> result<_, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.send-buffer-size", self + ") -> result<u64, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.set-send-buffer-size", self + ", value: u64) -> result<_, " + err, invalid);
        b.fn(tcp, "[method]tcp-socket.subscribe", self + ") -> own<pollable>", ready);
        b.fn(tcp, "[method]tcp-socket.shutdown", self + ", shutdown-type: shutdown-type) -> result<_, " + err, invalid);
    }

    private static void registerUdp(Binder b, Binder.Fn denied, Binder.Fn invalid, Binder.Fn ready, String err) {
        String udp = Wasi.SOCKETS_UDP;
        String self = "func(self: borrow<udp-socket>";
        b.resource(udp, Wasi.UDP_SOCKET, null);
        b.resource(udp, Wasi.INCOMING_DATAGRAM_STREAM, null);
        b.resource(udp, Wasi.OUTGOING_DATAGRAM_STREAM, null);
        b.fn(Wasi.SOCKETS_UDP_CREATE, "create-udp-socket",
                "func(address-family: ip-address-family) -> result<own<udp-socket>, " + err, denied);
        b.fn(udp, "[method]udp-socket.start-bind", self + ", network: borrow<network>, local-address: ip-socket-address) "
                + "-> result<_, " + err, invalid);
        b.fn(udp, "[method]udp-socket.finish-bind", self + ") -> result<_, " + err, invalid);
        b.fn(udp, "[method]udp-socket.stream", self + ", remote-address: option<ip-socket-address>) "
                + "-> result<tuple<own<incoming-datagram-stream>, own<outgoing-datagram-stream>>, " + err, invalid);
        b.fn(udp, "[method]udp-socket.local-address", self + ") -> result<ip-socket-address, " + err, invalid);
        b.fn(udp, "[method]udp-socket.remote-address", self + ") -> result<ip-socket-address, " + err, invalid);
        b.fn(udp, "[method]udp-socket.address-family", self + ") -> ip-address-family", (c, a) -> WitValue.enumCase(0));
        b.fn(udp, "[method]udp-socket.unicast-hop-limit", self + ") -> result<u8, " + err, invalid);
        b.fn(udp, "[method]udp-socket.set-unicast-hop-limit", self + ", value: u8) -> result<_, " + err, invalid);
        b.fn(udp, "[method]udp-socket.receive-buffer-size", self + ") -> result<u64, " + err, invalid);
        b.fn(udp, "[method]udp-socket.set-receive-buffer-size", self + ", value: u64) -> result<_, " + err, invalid);
        b.fn(udp, "[method]udp-socket.send-buffer-size", self + ") -> result<u64, " + err, invalid);
        b.fn(udp, "[method]udp-socket.set-send-buffer-size", self + ", value: u64) -> result<_, " + err, invalid);
        b.fn(udp, "[method]udp-socket.subscribe", self + ") -> own<pollable>", ready);
        b.fn(udp, "[method]incoming-datagram-stream.receive",
                "func(self: borrow<incoming-datagram-stream>, max-results: u64) -> result<list<incoming-datagram>, " + err, invalid);
        b.fn(udp, "[method]incoming-datagram-stream.subscribe", "func(self: borrow<incoming-datagram-stream>) -> own<pollable>",
                ready);
        b.fn(udp, "[method]outgoing-datagram-stream.check-send",
                "func(self: borrow<outgoing-datagram-stream>) -> result<u64, " + err, invalid);
        b.fn(udp, "[method]outgoing-datagram-stream.send",
                "func(self: borrow<outgoing-datagram-stream>, datagrams: list<outgoing-datagram>) -> result<u64, " + err, invalid);
        b.fn(udp, "[method]outgoing-datagram-stream.subscribe", "func(self: borrow<outgoing-datagram-stream>) -> own<pollable>",
                ready);
    }
}
