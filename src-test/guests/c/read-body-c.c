/* read-body-c: reads the request body as a stream (64 KiB reads, never buffering it all) and responds
 * "bytes=<count> sum=<sum of all bytes mod 2^32>". */
#include "wasi_http.h"

WH_HANDLER(request, outparam) {
  uint64_t count = 0;
  uint32_t sum = 0;
  wh_handle_t in_body;
  wh_handle_t in = wh_request_body_stream(request, &in_body);
  if (in >= 0) {
    for (;;) {
      uint8_t *buf;
      int64_t got = wh_read(in, 65536, &buf);
      if (got < 0 || (got == 0 && buf == NULL)) break;
      for (int64_t i = 0; i < got; i++) sum += buf[i];
      count += (uint64_t)got;
      free(buf);
    }
    wh_input_stream_drop(in);
    wh_future_trailers_drop(wh_incoming_body_finish(in_body));
  }
  wh_request_drop(request);
  wh_buf_t text = {0};
  wh_buf_str(&text, "bytes=");
  wh_buf_u64(&text, count);
  wh_buf_str(&text, " sum=");
  wh_buf_u64(&text, sum);
  wh_respond_text(outparam, 200, "text/plain", text.p);
  free(text.p);
}
