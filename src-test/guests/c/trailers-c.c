/* trailers-c: responds 200 with body "body with trailers\n" and the response trailer x-trailer: done
 * (outgoing-body.finish with some(trailers)). */
#include "wasi_http.h"

WH_HANDLER(request, outparam) {
  wh_request_drop(request);
  wh_handle_t headers = wh_fields_new();
  wh_fields_append_str(headers, "content-type", "text/plain");
  wh_handle_t out;
  wh_handle_t body = wh_respond(outparam, 200, headers, &out);
  wh_write_str(out, "body with trailers\n");
  wh_handle_t trailers = wh_fields_new();
  wh_fields_append_str(trailers, "x-trailer", "done");
  wh_finish(body, out, trailers);
}
