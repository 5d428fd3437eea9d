/* trap-c: traps (wasm `unreachable`) inside handle, before any response. */
#include "wasi_http.h"

WH_HANDLER(request, outparam) {
  (void)request;
  (void)outparam;
  __builtin_trap();
}
