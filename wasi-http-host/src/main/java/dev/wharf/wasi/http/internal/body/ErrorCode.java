package dev.wharf.wasi.http.internal.body;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The part of the WIT {@code variant error-code} that the plumbing produces itself. The full variant (DNS,
 * TLS, connection errors, ...) belongs to the outgoing-handler and lands with the binding glue; these records
 * keep the WIT case names so that mapping stays one line each.
 */
public sealed interface ErrorCode {
    /** {@code HTTP-request-body-size(option<u64>)}: incoming body over the limit, or outgoing request body vs content-length. */
    record HttpRequestBodySize(OptionalLong size) implements ErrorCode {}

    /** {@code HTTP-response-body-size(option<u64>)}: bytes written differ from the declared content-length. */
    record HttpResponseBodySize(OptionalLong size) implements ErrorCode {}

    /** {@code HTTP-request-trailer-section-size} etc. are not produced yet; {@code internal-error(option<string>)} is the catch-all. */
    record InternalError(Optional<String> message) implements ErrorCode {}
}
