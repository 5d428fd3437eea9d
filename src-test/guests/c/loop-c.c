/* loop-c: spins forever inside handle (a volatile counter keeps the loop from being optimized away). */
#include "wasi_http.h"

WH_HANDLER(request, outparam) {
  (void)request;
  (void)outparam;
  volatile uint64_t counter = 0;
  for (;;) counter++;
}
