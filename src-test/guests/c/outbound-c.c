/* outbound-c: GETs the URL in request header x-target-url (http:// or https://) through
 * wasi:http/outgoing-handler, blocks on the future-incoming-response's pollable, and responds with the
 * upstream status (also in x-upstream-status) and the upstream body streamed through.
 * Failures: 400 when x-target-url is missing or malformed, 502 "outbound error <error-code case>". */
#include "wasi_http.h"

static void fail(wh_handle_t outparam, int status, const char *what, int code) {
  wh_buf_t text = {0};
  wh_buf_str(&text, what);
  wh_buf_str(&text, " ");
  wh_buf_u64(&text, (uint64_t)code);
  wh_buf_str(&text, "\n");
  wh_respond_text(outparam, status, "text/plain", text.p);
  free(text.p);
}

WH_HANDLER(request, outparam) {
  wh_handle_t req_headers = wh_request_headers(request);
  char *url = wh_fields_get_first(req_headers, "x-target-url");
  wh_fields_drop(req_headers);
  wh_request_drop(request);
  if (!url) {
    wh_respond_text(outparam, 400, "text/plain", "missing x-target-url\n");
    return;
  }
  int scheme;
  const char *rest;
  if (strncmp(url, "http://", 7) == 0) {
    scheme = 0;
    rest = url + 7;
  } else if (strncmp(url, "https://", 8) == 0) {
    scheme = 1;
    rest = url + 8;
  } else {
    wh_respond_text(outparam, 400, "text/plain", "x-target-url must start with http:// or https://\n");
    return;
  }
  const char *slash = strchr(rest, '/');
  size_t authority_len = slash ? (size_t)(slash - rest) : strlen(rest);
  const char *path = slash ? slash : "/";

  wh_handle_t oreq = wh_outgoing_request_new(wh_fields_new());
  wh_outgoing_request_set_method(oreq, 0 /* get */, NULL, 0);
  wh_outgoing_request_set_scheme(oreq, 1, scheme, NULL, 0);
  wh_outgoing_request_set_authority(oreq, 1, rest, authority_len);
  wh_outgoing_request_set_path_with_query(oreq, 1, path, strlen(path));

  wh_ret_t r;
  wh__outgoing_handle(oreq, 0, 0, &r);
  if (wh_u8(&r, 0) != 0) {
    fail(outparam, 502, "outbound error", wh_u8(&r, 8));
    return;
  }
  wh_handle_t future = wh_i32(&r, 8);
  wh_handle_t pollable = wh_future_response_subscribe(future);
  wh_pollable_block(pollable);
  wh_pollable_drop(pollable);
  wh__future_response_get(future, &r);
  wh_future_response_drop(future);
  if (wh_u8(&r, 0) != 1 || wh_u8(&r, 8) != 0) {
    fail(outparam, 502, "outbound future not ready", 0);
    return;
  }
  if (wh_u8(&r, 16) != 0) {
    fail(outparam, 502, "outbound error", wh_u8(&r, 24));
    return;
  }
  wh_handle_t upstream = wh_i32(&r, 24);
  int status = wh_incoming_response_status(upstream);
  wh_buf_t status_text = {0};
  wh_buf_u64(&status_text, (uint64_t)status);

  wh_handle_t headers = wh_fields_new();
  wh_fields_append_str(headers, "x-upstream-status", status_text.p);
  free(status_text.p);
  wh_handle_t out;
  wh_handle_t out_body = wh_respond(outparam, status, headers, &out);

  wh__incoming_response_consume(upstream, &r);
  if (wh_u8(&r, 0) == 0) {
    wh_handle_t in_body = wh_i32(&r, 4);
    wh__incoming_body_stream(in_body, &r);
    if (wh_u8(&r, 0) == 0) {
      wh_handle_t in = wh_i32(&r, 4);
      for (;;) {
        uint8_t *buf;
        int64_t got = wh_read(in, 65536, &buf);
        if (got < 0 || (got == 0 && buf == NULL)) break;
        bool ok = wh_write_all(out, buf, (size_t)got);
        free(buf);
        if (!ok) break;
      }
      wh_input_stream_drop(in);
    }
    wh_future_trailers_drop(wh_incoming_body_finish(in_body));
  }
  wh_incoming_response_drop(upstream);
  free(url);
  wh_finish(out_body, out, -1);
}
