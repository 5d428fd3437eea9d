/* echo-c: 200 with x-echo-method, x-echo-path-with-query, every request header echoed back as
 * x-echo-h-<name> (repeats preserved, in order), and the request body streamed back as the body. */
#include "wasi_http.h"

WH_HANDLER(request, outparam) {
  wh_handle_t headers = wh_fields_new();
  char *method = wh_request_method(request);
  char *pwq = wh_request_path_with_query(request);
  wh_fields_append_str(headers, "x-echo-method", method);
  wh_fields_append_str(headers, "x-echo-path-with-query", pwq);
  free(method);
  free(pwq);

  wh_handle_t req_headers = wh_request_headers(request);
  wh_ret_t r;
  wh__fields_entries(req_headers, &r);
  int32_t *e = (int32_t *)(intptr_t)wh_i32(&r, 0);
  int32_t n = wh_i32(&r, 4);
  for (int32_t i = 0; i < n; i++) {
    const char *name = (const char *)(intptr_t)e[4 * i];
    size_t name_len = (size_t)e[4 * i + 1];
    char *echo_name = malloc(name_len + 10);
    memcpy(echo_name, "x-echo-h-", 9);
    memcpy(echo_name + 9, name, name_len);
    echo_name[name_len + 9] = 0;
    wh_fields_append(headers, echo_name, (const void *)(intptr_t)e[4 * i + 2], (size_t)e[4 * i + 3]);
    free(echo_name);
    free((void *)(intptr_t)e[4 * i]);
    free((void *)(intptr_t)e[4 * i + 2]);
  }
  free(e);
  wh_fields_drop(req_headers);

  wh_handle_t in_body;
  wh_handle_t in = wh_request_body_stream(request, &in_body);
  wh_handle_t out;
  wh_handle_t out_body = wh_respond(outparam, 200, headers, &out);
  if (in >= 0) {
    for (;;) {
      uint8_t *buf;
      int64_t got = wh_read(in, 65536, &buf);
      if (got < 0 || (got == 0 && buf == NULL)) break;
      bool ok = wh_write_all(out, buf, (size_t)got);
      free(buf);
      if (!ok) break;
    }
    wh_input_stream_drop(in);
    wh_future_trailers_drop(wh_incoming_body_finish(in_body));
  }
  wh_request_drop(request);
  wh_finish(out_body, out, -1);
}
