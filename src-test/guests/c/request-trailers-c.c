/* request-trailers-c: reads and discards the request body, finishes it, waits on future-trailers and responds
 * 200 with one line "<name>: <value>" per request trailer, or "no trailers"; "trailers error <error-code case>"
 * when the body failed. */
#include "wasi_http.h"

WH_IMPORT(WH_TYPES, "[method]future-trailers.subscribe") wh_handle_t wh_future_trailers_subscribe(wh_handle_t self);
/* option<result<result<option<own<trailers>>, error-code>>>: disc@0, result disc@8, inner result disc@16,
 * error-code case@24 or option disc@24 with the handle@28 */
WH_IMPORT(WH_TYPES, "[method]future-trailers.get") void wh__future_trailers_get(wh_handle_t self, wh_ret_t *ret);

WH_HANDLER(request, outparam) {
  wh_handle_t in_body;
  wh_handle_t in = wh_request_body_stream(request, &in_body);
  wh_buf_t text = {0};
  if (in < 0) {
    wh_request_drop(request);
    wh_respond_text(outparam, 500, "text/plain", "no request body\n");
    return;
  }
  for (;;) {
    uint8_t *buf;
    int64_t got = wh_read(in, 65536, &buf);
    if (got < 0 || (got == 0 && buf == NULL)) break;
    free(buf);
  }
  wh_input_stream_drop(in);
  wh_handle_t future = wh_incoming_body_finish(in_body);
  wh_handle_t pollable = wh_future_trailers_subscribe(future);
  wh_pollable_block(pollable);
  wh_pollable_drop(pollable);
  wh_ret_t r;
  wh__future_trailers_get(future, &r);
  wh_future_trailers_drop(future);
  wh_request_drop(request);
  if (wh_u8(&r, 0) != 1 || wh_u8(&r, 8) != 0) {
    wh_buf_str(&text, "trailers not ready\n");
  } else if (wh_u8(&r, 16) != 0) {
    wh_buf_str(&text, "trailers error ");
    wh_buf_u64(&text, wh_u8(&r, 24));
    wh_buf_str(&text, "\n");
  } else if (wh_u8(&r, 24) == 0) {
    wh_buf_str(&text, "no trailers\n");
  } else {
    wh_handle_t trailers = wh_i32(&r, 28);
    wh_ret_t list;
    wh__fields_entries(trailers, &list);
    const uint8_t *entries = (const uint8_t *)(uintptr_t)wh_i32(&list, 0);
    int32_t count = wh_i32(&list, 4);
    for (int32_t i = 0; i < count; i++) {
      const int32_t *e = (const int32_t *)(entries + 16 * i);
      wh_buf_add(&text, (const void *)(uintptr_t)e[0], (size_t)e[1]);
      wh_buf_str(&text, ": ");
      wh_buf_add(&text, (const void *)(uintptr_t)e[2], (size_t)e[3]);
      wh_buf_str(&text, "\n");
    }
    wh_fields_drop(trailers);
  }
  wh_respond_text(outparam, 200, "text/plain", text.p);
  free(text.p);
}
