/*
 * wasi_http.h — hand-written Canonical ABI glue for wasi:http@0.2.10 (plus wasi:io@0.2.10) guests,
 * so Wharf's C fixtures need no wit-bindgen. Single header: include it in exactly one .c file.
 *
 * Conventions (Canonical ABI, MAX_FLAT_PARAMS = 16, MAX_FLAT_RESULTS = 1):
 *   - own<R> / borrow<R> are i32 handles;
 *   - string and list<T> are (ptr, len) pairs; lists returned by the host are allocated in our memory
 *     through the exported cabi_realloc (libc malloc), and are free()d by the caller;
 *   - when a function's results flatten to more than one value, the import takes one extra i32
 *     parameter: a pointer to a "return area" the host writes the result into, laid out with the
 *     ABI's size/alignment rules (discriminants first, payload at the payload's alignment).
 * Raw imports are named wh__*; the wh_* helpers below wrap them.
 */
#ifndef WHARF_WASI_HTTP_H
#define WHARF_WASI_HTTP_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define WH_IMPORT(module, name) __attribute__((import_module(module), import_name(name)))
#define WH_EXPORT(name) __attribute__((export_name(name)))

#define WH_TYPES "wasi:http/types@0.2.10"
#define WH_OUTGOING "wasi:http/outgoing-handler@0.2.10"
#define WH_STREAMS "wasi:io/streams@0.2.10"
#define WH_POLL "wasi:io/poll@0.2.10"
#define WH_ERROR "wasi:io/error@0.2.10"

/* Every guest defines its handler with this macro:
 *   WH_HANDLER(req, out) { ... }
 * which exports wasi:http/incoming-handler@0.2.10#handle(own<incoming-request>, own<response-outparam>). */
#define WH_HANDLER(req, out)                                                                     \
  WH_EXPORT("wasi:http/incoming-handler@0.2.10#handle") void wh_handle(int32_t req, int32_t out)

typedef int32_t wh_handle_t;

/* A return area large enough for every result used here (largest: the option<result<result<
 * incoming-response, error-code>>> of future-incoming-response.get, 56 bytes), 8-aligned. */
typedef struct {
  _Alignas(8) uint8_t b[64];
} wh_ret_t;

static inline uint8_t wh_u8(const wh_ret_t *r, int off) { return r->b[off]; }
static inline int32_t wh_i32(const wh_ret_t *r, int off) {
  int32_t v;
  memcpy(&v, r->b + off, 4);
  return v;
}
static inline int64_t wh_i64(const wh_ret_t *r, int off) {
  int64_t v;
  memcpy(&v, r->b + off, 8);
  return v;
}

/* ---------------------------------------------------------------- exports every component needs */

/* cabi_realloc(old_ptr, old_size, align, new_size): the host allocates returned lists/strings here. */
WH_EXPORT("cabi_realloc")
void *cabi_realloc(void *old_ptr, size_t old_size, size_t align, size_t new_size) {
  (void)old_size;
  (void)align;
  /* Empty lists and strings still get a real allocation: callers free() every returned pointer, and
   * free() of a made-up address (e.g. the alignment) corrupts the heap. */
  if (new_size == 0) new_size = 1;
  void *p = realloc(old_ptr, new_size);    /* malloc alignment (16) covers every canonical type */
  if (!p) __builtin_trap();
  return p;
}

/* ------------------------------------------------------------------------------ wasi:io/poll */

WH_IMPORT(WH_POLL, "[method]pollable.block") void wh_pollable_block(wh_handle_t self);
WH_IMPORT(WH_POLL, "[resource-drop]pollable") void wh_pollable_drop(wh_handle_t self);

/* ----------------------------------------------------------------------------- wasi:io/error */

WH_IMPORT(WH_ERROR, "[resource-drop]error") void wh_io_error_drop(wh_handle_t self);

/* --------------------------------------------------------------------------- wasi:io/streams */

/* result<list<u8>, stream-error>: disc@0, list ptr@4 len@8 | stream-error disc@4 (0 = last-operation-failed(own<error>@8), 1 = closed) */
WH_IMPORT(WH_STREAMS, "[method]input-stream.blocking-read")
void wh__input_blocking_read(wh_handle_t self, int64_t len, wh_ret_t *ret);
WH_IMPORT(WH_STREAMS, "[method]input-stream.read")
void wh__input_read(wh_handle_t self, int64_t len, wh_ret_t *ret);
WH_IMPORT(WH_STREAMS, "[resource-drop]input-stream") void wh_input_stream_drop(wh_handle_t self);

/* result<u64, stream-error>: disc@0, u64@8 | stream-error disc@8, error handle@12 */
WH_IMPORT(WH_STREAMS, "[method]output-stream.check-write")
void wh__output_check_write(wh_handle_t self, wh_ret_t *ret);
/* result<_, stream-error>: disc@0 | stream-error disc@4, error handle@8 */
WH_IMPORT(WH_STREAMS, "[method]output-stream.write")
void wh__output_write(wh_handle_t self, const uint8_t *ptr, size_t len, wh_ret_t *ret);
WH_IMPORT(WH_STREAMS, "[method]output-stream.blocking-write-and-flush")
void wh__output_blocking_write_and_flush(wh_handle_t self, const uint8_t *ptr, size_t len, wh_ret_t *ret);
WH_IMPORT(WH_STREAMS, "[method]output-stream.blocking-flush")
void wh__output_blocking_flush(wh_handle_t self, wh_ret_t *ret);
WH_IMPORT(WH_STREAMS, "[method]output-stream.subscribe") wh_handle_t wh_output_subscribe(wh_handle_t self);
WH_IMPORT(WH_STREAMS, "[resource-drop]output-stream") void wh_output_stream_drop(wh_handle_t self);

/* --------------------------------------------------------------------------- wasi:http/types */

WH_IMPORT(WH_TYPES, "[constructor]fields") wh_handle_t wh_fields_new(void);
/* result<_, header-error>: disc@0, header-error (enum-like variant) @1 */
WH_IMPORT(WH_TYPES, "[method]fields.append")
void wh__fields_append(wh_handle_t self, const char *name, size_t name_len, const uint8_t *value,
                       size_t value_len, wh_ret_t *ret);
/* list<list<u8>>: ptr@0 len@4; elements are (ptr, len) pairs */
WH_IMPORT(WH_TYPES, "[method]fields.get")
void wh__fields_get(wh_handle_t self, const char *name, size_t name_len, wh_ret_t *ret);
/* list<tuple<string, list<u8>>>: ptr@0 len@4; elements are 16 bytes: name ptr, name len, value ptr, value len */
WH_IMPORT(WH_TYPES, "[method]fields.entries") void wh__fields_entries(wh_handle_t self, wh_ret_t *ret);
WH_IMPORT(WH_TYPES, "[resource-drop]fields") void wh_fields_drop(wh_handle_t self);

/* method: disc@0 (0 get,1 head,2 post,3 put,4 delete,5 connect,6 options,7 trace,8 patch,9 other), other(string) ptr@4 len@8 */
WH_IMPORT(WH_TYPES, "[method]incoming-request.method") void wh__request_method(wh_handle_t self, wh_ret_t *ret);
/* option<string>: disc@0, ptr@4 len@8 */
WH_IMPORT(WH_TYPES, "[method]incoming-request.path-with-query")
void wh__request_path_with_query(wh_handle_t self, wh_ret_t *ret);
WH_IMPORT(WH_TYPES, "[method]incoming-request.headers") wh_handle_t wh_request_headers(wh_handle_t self);
/* result<own<incoming-body>>: disc@0, handle@4 */
WH_IMPORT(WH_TYPES, "[method]incoming-request.consume") void wh__request_consume(wh_handle_t self, wh_ret_t *ret);
WH_IMPORT(WH_TYPES, "[resource-drop]incoming-request") void wh_request_drop(wh_handle_t self);

WH_IMPORT(WH_TYPES, "[method]incoming-body.stream") void wh__incoming_body_stream(wh_handle_t self, wh_ret_t *ret);
WH_IMPORT(WH_TYPES, "[static]incoming-body.finish") wh_handle_t wh_incoming_body_finish(wh_handle_t self);
WH_IMPORT(WH_TYPES, "[resource-drop]incoming-body") void wh_incoming_body_drop(wh_handle_t self);
WH_IMPORT(WH_TYPES, "[resource-drop]future-trailers") void wh_future_trailers_drop(wh_handle_t self);

WH_IMPORT(WH_TYPES, "[constructor]outgoing-response") wh_handle_t wh_response_new(wh_handle_t headers);
/* result (no payloads) flattens to a single i32: 0 = ok */
WH_IMPORT(WH_TYPES, "[method]outgoing-response.set-status-code")
int32_t wh_response_set_status_code(wh_handle_t self, int32_t status);
WH_IMPORT(WH_TYPES, "[method]outgoing-response.body") void wh__response_body(wh_handle_t self, wh_ret_t *ret);

WH_IMPORT(WH_TYPES, "[method]outgoing-body.write") void wh__outgoing_body_write(wh_handle_t self, wh_ret_t *ret);
/* finish(this: own<outgoing-body>, trailers: option<own<trailers>>) -> result<_, error-code>: disc@0 */
WH_IMPORT(WH_TYPES, "[static]outgoing-body.finish")
void wh__outgoing_body_finish(wh_handle_t self, int32_t has_trailers, wh_handle_t trailers, wh_ret_t *ret);
WH_IMPORT(WH_TYPES, "[resource-drop]outgoing-body") void wh_outgoing_body_drop(wh_handle_t self);

/* set(param, response: result<own<outgoing-response>, error-code>) — the result flattens to
 * [i32 disc, i32, i32, i64, i32, i32, i32, i32] (error-code's widest case joins an i64 at slot 3). */
WH_IMPORT(WH_TYPES, "[static]response-outparam.set")
void wh__outparam_set(wh_handle_t param, int32_t is_err, int32_t a, int32_t b, int64_t c, int32_t d,
                      int32_t e, int32_t f, int32_t g);

WH_IMPORT(WH_TYPES, "[constructor]outgoing-request") wh_handle_t wh_outgoing_request_new(wh_handle_t headers);
WH_IMPORT(WH_TYPES, "[method]outgoing-request.set-method")
int32_t wh_outgoing_request_set_method(wh_handle_t self, int32_t disc, const char *other, size_t other_len);
WH_IMPORT(WH_TYPES, "[method]outgoing-request.set-path-with-query")
int32_t wh_outgoing_request_set_path_with_query(wh_handle_t self, int32_t some, const char *p, size_t len);
/* option<scheme>: some, scheme disc (0 HTTP, 1 HTTPS, 2 other), other ptr, len */
WH_IMPORT(WH_TYPES, "[method]outgoing-request.set-scheme")
int32_t wh_outgoing_request_set_scheme(wh_handle_t self, int32_t some, int32_t disc, const char *p, size_t len);
WH_IMPORT(WH_TYPES, "[method]outgoing-request.set-authority")
int32_t wh_outgoing_request_set_authority(wh_handle_t self, int32_t some, const char *p, size_t len);

WH_IMPORT(WH_TYPES, "[method]future-incoming-response.subscribe")
wh_handle_t wh_future_response_subscribe(wh_handle_t self);
/* option<result<result<own<incoming-response>, error-code>>>:
 *   option disc@0, outer result disc@8, inner result disc@16, response handle@24 | error-code disc@24 */
WH_IMPORT(WH_TYPES, "[method]future-incoming-response.get")
void wh__future_response_get(wh_handle_t self, wh_ret_t *ret);
WH_IMPORT(WH_TYPES, "[resource-drop]future-incoming-response")
void wh_future_response_drop(wh_handle_t self);
WH_IMPORT(WH_TYPES, "[method]incoming-response.status") int32_t wh_incoming_response_status(wh_handle_t self);
WH_IMPORT(WH_TYPES, "[method]incoming-response.consume")
void wh__incoming_response_consume(wh_handle_t self, wh_ret_t *ret);
WH_IMPORT(WH_TYPES, "[resource-drop]incoming-response") void wh_incoming_response_drop(wh_handle_t self);

/* ---------------------------------------------------------------- wasi:http/outgoing-handler */

/* handle(request, options: option<own<request-options>>) -> result<own<future-incoming-response>, error-code>:
 *   disc@0, handle@8 | error-code disc@8 */
WH_IMPORT(WH_OUTGOING, "handle")
void wh__outgoing_handle(wh_handle_t request, int32_t has_options, wh_handle_t options, wh_ret_t *ret);

/* =================================================================================== helpers */

static inline bool wh_fields_append(wh_handle_t fields, const char *name, const void *value, size_t value_len) {
  wh_ret_t r;
  wh__fields_append(fields, name, strlen(name), (const uint8_t *)value, value_len, &r);
  return wh_u8(&r, 0) == 0;
}

static inline bool wh_fields_append_str(wh_handle_t fields, const char *name, const char *value) {
  return wh_fields_append(fields, name, value, strlen(value));
}

/* First value of header `name` as a malloc'd NUL-terminated string, or NULL when absent. */
static inline char *wh_fields_get_first(wh_handle_t fields, const char *name) {
  wh_ret_t r;
  wh__fields_get(fields, name, strlen(name), &r);
  int32_t *vals = (int32_t *)(intptr_t)wh_i32(&r, 0);
  int32_t n = wh_i32(&r, 4);
  char *out = NULL;
  if (n > 0) {
    size_t len = (size_t)vals[1];
    out = malloc(len + 1);
    memcpy(out, (void *)(intptr_t)vals[0], len);
    out[len] = 0;
  }
  for (int32_t i = 0; i < n; i++) free((void *)(intptr_t)vals[2 * i]);
  free(vals);
  return out;
}

/* Method name as a malloc'd string ("GET", ... or the `other` text). */
static inline char *wh_request_method(wh_handle_t req) {
  static const char *const names[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"};
  wh_ret_t r;
  wh__request_method(req, &r);
  uint8_t d = wh_u8(&r, 0);
  if (d < 9) return strdup(names[d]);
  size_t len = (size_t)wh_i32(&r, 8);
  char *s = malloc(len + 1);
  memcpy(s, (void *)(intptr_t)wh_i32(&r, 4), len);
  s[len] = 0;
  free((void *)(intptr_t)wh_i32(&r, 4));
  return s;
}

/* path-with-query as a malloc'd string ("" when none). */
static inline char *wh_request_path_with_query(wh_handle_t req) {
  wh_ret_t r;
  wh__request_path_with_query(req, &r);
  if (wh_u8(&r, 0) == 0) return strdup("");
  size_t len = (size_t)wh_i32(&r, 8);
  char *s = malloc(len + 1);
  memcpy(s, (void *)(intptr_t)wh_i32(&r, 4), len);
  s[len] = 0;
  free((void *)(intptr_t)wh_i32(&r, 4));
  return s;
}

/* own<input-stream> of the request body (the incoming-body handle goes to *body), or -1. */
static inline wh_handle_t wh_request_body_stream(wh_handle_t req, wh_handle_t *body) {
  wh_ret_t r;
  wh__request_consume(req, &r);
  if (wh_u8(&r, 0) != 0) return -1;
  *body = wh_i32(&r, 4);
  wh__incoming_body_stream(*body, &r);
  if (wh_u8(&r, 0) != 0) return -1;
  return wh_i32(&r, 4);
}

/* Sends a response head (status + headers, headers handle is consumed) through `outparam`, and returns
 * the outgoing-body; *stream gets its output-stream. Traps when the host refuses. */
static inline wh_handle_t wh_respond(wh_handle_t outparam, int status, wh_handle_t headers, wh_handle_t *stream) {
  wh_ret_t r;
  wh_handle_t resp = wh_response_new(headers);
  if (wh_response_set_status_code(resp, status) != 0) __builtin_trap();
  wh__response_body(resp, &r);
  if (wh_u8(&r, 0) != 0) __builtin_trap();
  wh_handle_t body = wh_i32(&r, 4);
  wh__outgoing_body_write(body, &r);
  if (wh_u8(&r, 0) != 0) __builtin_trap();
  *stream = wh_i32(&r, 4);
  wh__outparam_set(outparam, 0, resp, 0, 0, 0, 0, 0, 0);
  return body;
}

/* Blocking read of up to `max` bytes. Returns the byte count (data in *buf, free() it), 0 with
 * *buf == NULL when the stream is closed (end of body), or -1 on failure. */
static inline int64_t wh_read(wh_handle_t in, uint64_t max, uint8_t **buf) {
  wh_ret_t r;
  wh__input_blocking_read(in, (int64_t)max, &r);
  *buf = NULL;
  if (wh_u8(&r, 0) == 0) {
    *buf = (uint8_t *)(intptr_t)wh_i32(&r, 4);
    return wh_i32(&r, 8);
  }
  if (wh_u8(&r, 4) == 1) return 0; /* closed */
  wh_io_error_drop(wh_i32(&r, 8));
  return -1;
}

/* Writes all `len` bytes, waiting on check-write's permit (and the stream's pollable) as needed.
 * `chunk` caps a single write. Returns false when the stream failed or closed. */
static inline bool wh_write_all_chunked(wh_handle_t out, const void *data, size_t len, size_t chunk) {
  const uint8_t *p = (const uint8_t *)data;
  wh_ret_t r;
  while (len > 0) {
    wh__output_check_write(out, &r);
    if (wh_u8(&r, 0) != 0) {
      if (wh_u8(&r, 8) == 0) wh_io_error_drop(wh_i32(&r, 12));
      return false;
    }
    uint64_t permit = (uint64_t)wh_i64(&r, 8);
    if (permit == 0) {
      wh_handle_t pollable = wh_output_subscribe(out);
      wh_pollable_block(pollable);
      wh_pollable_drop(pollable);
      continue;
    }
    size_t n = len;
    if (n > permit) n = (size_t)permit;
    if (n > chunk) n = chunk;
    wh__output_write(out, p, n, &r);
    if (wh_u8(&r, 0) != 0) {
      if (wh_u8(&r, 4) == 0) wh_io_error_drop(wh_i32(&r, 8));
      return false;
    }
    p += n;
    len -= n;
  }
  return true;
}

static inline bool wh_write_all(wh_handle_t out, const void *data, size_t len) {
  return wh_write_all_chunked(out, data, len, 65536);
}

static inline bool wh_write_str(wh_handle_t out, const char *s) { return wh_write_all(out, s, strlen(s)); }

static inline bool wh_flush(wh_handle_t out) {
  wh_ret_t r;
  wh__output_blocking_flush(out, &r);
  if (wh_u8(&r, 0) != 0) {
    if (wh_u8(&r, 4) == 0) wh_io_error_drop(wh_i32(&r, 8));
    return false;
  }
  return true;
}

/* Flushes and drops the body's output-stream, then finishes the body (trailers = -1 for none). */
static inline bool wh_finish(wh_handle_t body, wh_handle_t stream, wh_handle_t trailers) {
  wh_flush(stream);
  wh_output_stream_drop(stream);
  wh_ret_t r;
  wh__outgoing_body_finish(body, trailers >= 0, trailers >= 0 ? trailers : 0, &r);
  return wh_u8(&r, 0) == 0;
}

/* A growable text buffer (printf-free: libc's printf family links the preview1 stdio functions, which
 * would drag the preview1 adapter and its extra imports into every fixture). */
typedef struct {
  char *p;
  size_t len, cap;
} wh_buf_t;

static inline void wh_buf_add(wh_buf_t *b, const void *data, size_t n) {
  if (b->len + n + 1 > b->cap) {
    b->cap = (b->len + n + 1) * 2;
    b->p = realloc(b->p, b->cap);
    if (!b->p) __builtin_trap();
  }
  memcpy(b->p + b->len, data, n);
  b->len += n;
  b->p[b->len] = 0;
}
static inline void wh_buf_str(wh_buf_t *b, const char *s) { wh_buf_add(b, s, strlen(s)); }
static inline void wh_buf_u64(wh_buf_t *b, uint64_t v) {
  char digits[20];
  int n = 0;
  do {
    digits[19 - n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  wh_buf_add(b, digits + 20 - n, (size_t)n);
}
static inline void wh_buf_i64(wh_buf_t *b, int64_t v) {
  if (v < 0) {
    wh_buf_str(b, "-");
    wh_buf_u64(b, (uint64_t)0 - (uint64_t)v);
  } else {
    wh_buf_u64(b, (uint64_t)v);
  }
}

/* One-shot response with a complete body. */
static inline void wh_respond_text(wh_handle_t outparam, int status, const char *content_type, const char *text) {
  wh_handle_t headers = wh_fields_new();
  wh_fields_append_str(headers, "content-type", content_type);
  wh_handle_t stream;
  wh_handle_t body = wh_respond(outparam, status, headers, &stream);
  wh_write_str(stream, text);
  wh_finish(body, stream, -1);
}

#endif
