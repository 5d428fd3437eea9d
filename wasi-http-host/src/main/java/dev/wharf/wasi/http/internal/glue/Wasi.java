package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.types.ResourceType;

/**
 * Interface names (defined once at {@code @0.2.12}; guests importing any 0.2.x link through the
 * linker's semver-compatible lookup), host resource types, and the WIT type environment.
 */
public final class Wasi {
    public static final String VERSION = "@0.2.12";
    public static final String IO_ERROR = "wasi:io/error" + VERSION;
    public static final String IO_POLL = "wasi:io/poll" + VERSION;
    public static final String IO_STREAMS = "wasi:io/streams" + VERSION;
    public static final String HTTP_TYPES = "wasi:http/types" + VERSION;
    public static final String HTTP_OUTGOING_HANDLER = "wasi:http/outgoing-handler" + VERSION;
    public static final String INCOMING_HANDLER = "wasi:http/incoming-handler";
    public static final String MONOTONIC_CLOCK = "wasi:clocks/monotonic-clock" + VERSION;
    public static final String WALL_CLOCK = "wasi:clocks/wall-clock" + VERSION;
    public static final String RANDOM = "wasi:random/random" + VERSION;
    public static final String INSECURE = "wasi:random/insecure" + VERSION;
    public static final String INSECURE_SEED = "wasi:random/insecure-seed" + VERSION;
    public static final String CLI_STDIN = "wasi:cli/stdin" + VERSION;
    public static final String CLI_STDOUT = "wasi:cli/stdout" + VERSION;
    public static final String CLI_STDERR = "wasi:cli/stderr" + VERSION;
    public static final String CLI_ENVIRONMENT = "wasi:cli/environment" + VERSION;
    public static final String CLI_EXIT = "wasi:cli/exit" + VERSION;
    public static final String CLI_TERMINAL_INPUT = "wasi:cli/terminal-input" + VERSION;
    public static final String CLI_TERMINAL_OUTPUT = "wasi:cli/terminal-output" + VERSION;
    public static final String CLI_TERMINAL_STDIN = "wasi:cli/terminal-stdin" + VERSION;
    public static final String CLI_TERMINAL_STDOUT = "wasi:cli/terminal-stdout" + VERSION;
    public static final String CLI_TERMINAL_STDERR = "wasi:cli/terminal-stderr" + VERSION;
    public static final String FS_TYPES = "wasi:filesystem/types" + VERSION;
    public static final String FS_PREOPENS = "wasi:filesystem/preopens" + VERSION;
    public static final String SOCKETS_NETWORK = "wasi:sockets/network" + VERSION;
    public static final String SOCKETS_INSTANCE_NETWORK = "wasi:sockets/instance-network" + VERSION;
    public static final String SOCKETS_IP_NAME_LOOKUP = "wasi:sockets/ip-name-lookup" + VERSION;
    public static final String SOCKETS_TCP = "wasi:sockets/tcp" + VERSION;
    public static final String SOCKETS_TCP_CREATE = "wasi:sockets/tcp-create-socket" + VERSION;
    public static final String SOCKETS_UDP = "wasi:sockets/udp" + VERSION;
    public static final String SOCKETS_UDP_CREATE = "wasi:sockets/udp-create-socket" + VERSION;

    // wasi:io
    public static final ResourceType ERROR = ResourceType.host("error");
    public static final ResourceType POLLABLE = ResourceType.host("pollable");
    public static final ResourceType INPUT_STREAM = ResourceType.host("input-stream");
    public static final ResourceType OUTPUT_STREAM = ResourceType.host("output-stream");
    // wasi:http/types
    public static final ResourceType FIELDS = ResourceType.host("fields");
    public static final ResourceType INCOMING_REQUEST = ResourceType.host("incoming-request");
    public static final ResourceType OUTGOING_REQUEST = ResourceType.host("outgoing-request");
    public static final ResourceType REQUEST_OPTIONS = ResourceType.host("request-options");
    public static final ResourceType RESPONSE_OUTPARAM = ResourceType.host("response-outparam");
    public static final ResourceType INCOMING_RESPONSE = ResourceType.host("incoming-response");
    public static final ResourceType INCOMING_BODY = ResourceType.host("incoming-body");
    public static final ResourceType FUTURE_TRAILERS = ResourceType.host("future-trailers");
    public static final ResourceType OUTGOING_RESPONSE = ResourceType.host("outgoing-response");
    public static final ResourceType OUTGOING_BODY = ResourceType.host("outgoing-body");
    public static final ResourceType FUTURE_INCOMING_RESPONSE = ResourceType.host("future-incoming-response");
    // wasi:cli terminals, wasi:filesystem
    public static final ResourceType TERMINAL_INPUT = ResourceType.host("terminal-input");
    public static final ResourceType TERMINAL_OUTPUT = ResourceType.host("terminal-output");
    public static final ResourceType DESCRIPTOR = ResourceType.host("descriptor");
    public static final ResourceType DIRECTORY_ENTRY_STREAM = ResourceType.host("directory-entry-stream");
    // wasi:sockets
    public static final ResourceType NETWORK = ResourceType.host("network");
    public static final ResourceType RESOLVE_ADDRESS_STREAM = ResourceType.host("resolve-address-stream");
    public static final ResourceType TCP_SOCKET = ResourceType.host("tcp-socket");
    public static final ResourceType UDP_SOCKET = ResourceType.host("udp-socket");
    public static final ResourceType INCOMING_DATAGRAM_STREAM = ResourceType.host("incoming-datagram-stream");
    public static final ResourceType OUTGOING_DATAGRAM_STREAM = ResourceType.host("outgoing-datagram-stream");

    static final String ERROR_CODE = "variant { DNS-timeout, DNS-error(record { rcode: option<string>, info-code: option<u16> }), "
            + "destination-not-found, destination-unavailable, destination-IP-prohibited, destination-IP-unroutable, "
            + "connection-refused, connection-terminated, connection-timeout, connection-read-timeout, "
            + "connection-write-timeout, connection-limit-reached, TLS-protocol-error, TLS-certificate-error, "
            + "TLS-alert-received(record { alert-id: option<u8>, alert-message: option<string> }), HTTP-request-denied, "
            + "HTTP-request-length-required, HTTP-request-body-size(option<u64>), HTTP-request-method-invalid, "
            + "HTTP-request-URI-invalid, HTTP-request-URI-too-long, HTTP-request-header-section-size(option<u32>), "
            + "HTTP-request-header-size(option<field-size-payload>), HTTP-request-trailer-section-size(option<u32>), "
            + "HTTP-request-trailer-size(field-size-payload), HTTP-response-incomplete, "
            + "HTTP-response-header-section-size(option<u32>), HTTP-response-header-size(field-size-payload), "
            + "HTTP-response-body-size(option<u64>), HTTP-response-trailer-section-size(option<u32>), "
            + "HTTP-response-trailer-size(field-size-payload), HTTP-response-transfer-coding(option<string>), "
            + "HTTP-response-content-coding(option<string>), HTTP-response-timeout, HTTP-upgrade-failed, "
            + "HTTP-protocol-error, loop-detected, configuration-error, internal-error(option<string>) }";

    /** Case indices of {@code error-code} used by the host. */
    static final int EC_DNS_ERROR = 1;
    static final int EC_HTTP_REQUEST_DENIED = 15;
    static final int EC_HTTP_REQUEST_BODY_SIZE = 17;
    static final int EC_HTTP_RESPONSE_BODY_SIZE = 28;
    static final int EC_INTERNAL_ERROR = 38;

    static final String FS_ERROR_CODE = "enum { access, would-block, already, bad-descriptor, busy, deadlock, quota, exist, "
            + "file-too-large, illegal-byte-sequence, in-progress, interrupted, invalid, io, is-directory, loop, "
            + "too-many-links, message-size, name-too-long, no-device, no-entry, no-lock, insufficient-memory, "
            + "insufficient-space, not-directory, not-empty, not-recoverable, unsupported, no-tty, no-such-device, "
            + "overflow, not-permitted, pipe, read-only, invalid-seek, text-file-busy, cross-device }";
    static final int FS_EC_BAD_DESCRIPTOR = 3;

    static final String SOCKET_ERROR_CODE = "enum { unknown, access-denied, not-supported, invalid-argument, out-of-memory, "
            + "timeout, concurrency-conflict, not-in-progress, would-block, invalid-state, new-socket-limit, "
            + "address-not-bindable, address-in-use, remote-unreachable, connection-refused, connection-reset, "
            + "connection-aborted, datagram-too-large, name-unresolvable, temporary-resolver-failure, "
            + "permanent-resolver-failure }";
    static final int SOCKET_EC_ACCESS_DENIED = 1;
    static final int SOCKET_EC_INVALID_STATE = 9;

    /** The WIT types of the proxy world, by name. */
    public static final WitTypes TYPES = new WitTypes()
            .resource(ERROR).resource("io-error", ERROR).resource(POLLABLE).resource(INPUT_STREAM).resource(OUTPUT_STREAM)
            .resource(FIELDS).resource("headers", FIELDS).resource("trailers", FIELDS)
            .resource(INCOMING_REQUEST).resource(OUTGOING_REQUEST).resource(REQUEST_OPTIONS).resource(RESPONSE_OUTPARAM)
            .resource(INCOMING_RESPONSE).resource(INCOMING_BODY).resource(FUTURE_TRAILERS).resource(OUTGOING_RESPONSE)
            .resource(OUTGOING_BODY).resource(FUTURE_INCOMING_RESPONSE)
            .resource(TERMINAL_INPUT).resource(TERMINAL_OUTPUT).resource(DESCRIPTOR).resource(DIRECTORY_ENTRY_STREAM)
            .resource(NETWORK).resource(RESOLVE_ADDRESS_STREAM).resource(TCP_SOCKET).resource(UDP_SOCKET)
            .resource(INCOMING_DATAGRAM_STREAM).resource(OUTGOING_DATAGRAM_STREAM)
            .type("stream-error", "variant { last-operation-failed(own<error>), closed }")
            .type("header-error", "variant { invalid-syntax, forbidden, immutable }")
            .type("method", "variant { get, head, post, put, delete, connect, options, trace, patch, other(string) }")
            .type("scheme", "variant { HTTP, HTTPS, other(string) }")
            .type("field-size-payload", "record { field-name: option<string>, field-size: option<u32> }")
            .type("error-code", ERROR_CODE)
            .type("datetime", "record { seconds: u64, nanoseconds: u32 }")
            .type("fs-error-code", FS_ERROR_CODE)
            .type("descriptor-type", "enum { unknown, block-device, character-device, directory, fifo, symbolic-link, regular-file, socket }")
            .type("descriptor-flags", "flags { read, write, file-integrity-sync, data-integrity-sync, requested-write-sync, mutate-directory }")
            .type("path-flags", "flags { symlink-follow }")
            .type("open-flags", "flags { create, directory, exclusive, truncate }")
            .type("descriptor-stat", "record { type: descriptor-type, link-count: u64, size: u64, "
                    + "data-access-timestamp: option<datetime>, data-modification-timestamp: option<datetime>, "
                    + "status-change-timestamp: option<datetime> }")
            .type("new-timestamp", "variant { no-change, now, timestamp(datetime) }")
            .type("directory-entry", "record { type: descriptor-type, name: string }")
            .type("metadata-hash-value", "record { lower: u64, upper: u64 }")
            .type("advice", "enum { normal, sequential, random, will-need, dont-need, no-reuse }")
            .type("socket-error-code", SOCKET_ERROR_CODE)
            .type("ip-address-family", "enum { ipv4, ipv6 }")
            .type("ipv4-address", "tuple<u8, u8, u8, u8>")
            .type("ipv6-address", "tuple<u16, u16, u16, u16, u16, u16, u16, u16>")
            .type("ip-address", "variant { ipv4(ipv4-address), ipv6(ipv6-address) }")
            .type("ipv4-socket-address", "record { port: u16, address: ipv4-address }")
            .type("ipv6-socket-address", "record { port: u16, flow-info: u32, address: ipv6-address, scope-id: u32 }")
            .type("ip-socket-address", "variant { ipv4(ipv4-socket-address), ipv6(ipv6-socket-address) }")
            .type("shutdown-type", "enum { receive, send, both }")
            .type("incoming-datagram", "record { data: list<u8>, remote-address: ip-socket-address }")
            .type("outgoing-datagram", "record { data: list<u8>, remote-address: option<ip-socket-address> }");

    private Wasi() {}
}
