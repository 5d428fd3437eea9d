package dev.wharf.platform.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders every error under {@code /v1} as {@code application/problem+json} (RFC 9457) with a useful
 * {@code detail} and never a stack trace: API errors, unknown routes, 405, 415, unreadable bodies and
 * unexpected failures (logged, answered with a generic 500). Runs before Spring Boot's own error handler.
 */
@Component
@Order(-2)
public class ProblemHandler implements WebExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final JsonMapper json;

    public ProblemHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        ServerHttpResponse response = exchange.getResponse();
        if (!(path.equals("/v1") || path.startsWith("/v1/")) || response.isCommitted()) {
            return Mono.error(error);
        }
        HttpStatusCode status;
        String detail;
        if (error instanceof ApiException api) {
            status = api.status();
            detail = api.getMessage();
        } else if (error instanceof MethodNotAllowedException e) {
            status = e.getStatusCode();
            detail = "method " + e.getHttpMethod() + " is not allowed on " + path + "; allowed: "
                    + e.getSupportedMethods();
            response.getHeaders().setAllow(e.getSupportedMethods());
        } else if (error instanceof UnsupportedMediaTypeStatusException e) {
            status = e.getStatusCode();
            detail = "content type " + (e.getContentType() == null ? "(none)" : e.getContentType())
                    + " is not supported here; use " + e.getSupportedMediaTypes();
        } else if (isLimitExceeded(error)) {
            status = HttpStatus.CONTENT_TOO_LARGE;
            detail = "the request body is too large";
        } else if (error instanceof ServerWebInputException e) {
            status = e.getStatusCode();
            detail = e.getReason() == null ? "the request is not valid" : e.getReason();
        } else if (error instanceof ResponseStatusException e && e.getStatusCode().value() == 404) {
            status = e.getStatusCode();
            detail = "no such route: " + exchange.getRequest().getMethod() + " " + path;
        } else if (error instanceof ErrorResponse e && e.getStatusCode().is4xxClientError()) {
            status = e.getStatusCode();
            detail = e.getBody().getDetail() == null ? HttpStatus.valueOf(status.value()).getReasonPhrase()
                    : e.getBody().getDetail();
        } else {
            log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), path, error);
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            detail = "an unexpected error occurred; the server log has the details";
        }
        return write(json, response, status, detail, path);
    }

    /** Writes an {@code application/problem+json} answer (401 adds {@code WWW-Authenticate: Bearer}). */
    public static Mono<Void> write(JsonMapper json, ServerHttpResponse response, HttpStatusCode status, String detail,
            String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", instance);
        byte[] body = json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(body.length);
        if (status.value() == 401) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static boolean isLimitExceeded(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof DataBufferLimitException) {
                return true;
            }
        }
        return false;
    }
}
