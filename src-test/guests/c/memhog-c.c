/* memhog-c: grows linear memory by 16 pages (1 MiB) at a time without bound, touching every new page;
 * never responds. When the host refuses to grow (memory.grow returns -1) it traps. */
#include "wasi_http.h"

WH_HANDLER(request, outparam) {
  (void)request;
  (void)outparam;
  for (;;) {
    long old_pages = __builtin_wasm_memory_grow(0, 16);
    if (old_pages < 0) __builtin_trap();
    volatile uint8_t *base = (volatile uint8_t *)(uintptr_t)((unsigned long)old_pages * 65536ul);
    for (unsigned long page = 0; page < 16; page++) base[page * 65536ul] = (uint8_t)page;
  }
}
