/* stream-response-c: streams a deterministic body (byte i = i % 251) of 8 MiB, or of the size given by
 * the request header x-size (decimal), in writes of at most 64 KiB bounded by check-write's permit. */
#include "wasi_http.h"

#define CHUNK 65536
/* 65536 is not a multiple of 251, so each chunk starts at offset (i % 251) of a pattern buffer. */
static uint8_t pattern[CHUNK + 251];

WH_HANDLER(request, outparam) {
  uint64_t size = 8388608;
  wh_handle_t req_headers = wh_request_headers(request);
  char *x_size = wh_fields_get_first(req_headers, "x-size");
  if (x_size) {
    size = strtoull(x_size, NULL, 10);
    free(x_size);
  }
  wh_fields_drop(req_headers);
  wh_request_drop(request);

  for (int i = 0; i < CHUNK + 251; i++) pattern[i] = (uint8_t)(i % 251);

  wh_handle_t headers = wh_fields_new();
  wh_fields_append_str(headers, "content-type", "application/octet-stream");
  wh_handle_t out;
  wh_handle_t body = wh_respond(outparam, 200, headers, &out);
  uint64_t sent = 0;
  while (sent < size) {
    size_t n = size - sent > CHUNK ? CHUNK : (size_t)(size - sent);
    if (!wh_write_all(out, pattern + (sent % 251), n)) break;
    sent += n;
  }
  wh_finish(body, out, -1);
}
