/* hello-c: responds 200, content-type text/plain, body "hello from c\n". */
#include "wasi_http.h"

WH_HANDLER(request, outparam) {
  wh_request_drop(request);
  wh_respond_text(outparam, 200, "text/plain", "hello from c\n");
}
