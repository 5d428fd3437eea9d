package dev.wharf.wasi.http.internal.body;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The WIT {@code variant error-code}, as far as the host produces or reads it. Cases without a payload are one
 * {@link Plain} record with a {@link Kind}; the records keep the WIT case names so that the glue's mapping stays
 * one line each.
 */
public sealed interface ErrorCode {
    /** The payload-less cases, with their index in the WIT variant. */
    enum Kind {
        DNS_TIMEOUT(0), DESTINATION_NOT_FOUND(2), DESTINATION_UNAVAILABLE(3), DESTINATION_IP_PROHIBITED(4),
        DESTINATION_IP_UNROUTABLE(5), CONNECTION_REFUSED(6), CONNECTION_TERMINATED(7), CONNECTION_TIMEOUT(8),
        CONNECTION_READ_TIMEOUT(9), CONNECTION_WRITE_TIMEOUT(10), CONNECTION_LIMIT_REACHED(11), TLS_PROTOCOL_ERROR(12),
        TLS_CERTIFICATE_ERROR(13), HTTP_REQUEST_DENIED(15), HTTP_REQUEST_LENGTH_REQUIRED(16),
        HTTP_REQUEST_METHOD_INVALID(18), HTTP_REQUEST_URI_INVALID(19), HTTP_REQUEST_URI_TOO_LONG(20),
        HTTP_RESPONSE_INCOMPLETE(25), HTTP_RESPONSE_TIMEOUT(33), HTTP_UPGRADE_FAILED(34), HTTP_PROTOCOL_ERROR(35),
        LOOP_DETECTED(36), CONFIGURATION_ERROR(37);

        private final int witCase;

        Kind(int witCase) {
            this.witCase = witCase;
        }

        public int witCase() {
            return witCase;
        }

        public static Optional<Kind> ofWitCase(int index) {
            for (Kind k : values()) {
                if (k.witCase == index) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** A case without payload, e.g. {@code connection-refused}. */
    record Plain(Kind kind) implements ErrorCode {}

    /** {@code DNS-error(record { rcode: option<string>, info-code: option<u16> })}. */
    record DnsError(Optional<String> rcode, Optional<Integer> infoCode) implements ErrorCode {}

    /** {@code HTTP-request-body-size(option<u64>)}: incoming body over the limit, or outgoing request body vs content-length. */
    record HttpRequestBodySize(OptionalLong size) implements ErrorCode {}

    /** {@code HTTP-response-body-size(option<u64>)}: bytes written differ from the declared content-length. */
    record HttpResponseBodySize(OptionalLong size) implements ErrorCode {}

    /** {@code internal-error(option<string>)}: the catch-all. */
    record InternalError(Optional<String> message) implements ErrorCode {}

    static ErrorCode of(Kind kind) {
        return new Plain(kind);
    }
}
