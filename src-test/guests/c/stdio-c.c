/* stdio-c: writes lines to stdout (printf) and stderr (fprintf) through wasi-libc and the preview1
 * adapter (fd_write -> wasi:cli/stdout, wasi:cli/stderr), then responds 200 "stdio ok\n".
 *
 * Keeping the component inside the wasi:http/proxy world: wasi-libc's FILE vtables also link
 * fd_close, fd_seek and fd_fdstat_get (isatty), and jco's shipped adapter is the *reactor* one, whose
 * versions of those import wasi:filesystem and wasi:cli/terminal-*. stdout and stderr are never closed
 * or seeked here, so the three libc internals are replaced below and only fd_write reaches the adapter. */
#include <stdio.h>
#include "wasi_http.h"

int __stdio_close(FILE *f) { (void)f; return 0; }
off_t __stdio_seek(FILE *f, off_t off, int whence) { (void)f; (void)off; (void)whence; return -1; }
int __isatty(int fd) { (void)fd; return 0; }

WH_HANDLER(request, outparam) {
  wh_request_drop(request);
  printf("stdio-c: line 1 to stdout\n");
  printf("stdio-c: line 2 to stdout\n");
  fprintf(stderr, "stdio-c: line 1 to stderr\n");
  fflush(stdout);
  wh_respond_text(outparam, 200, "text/plain", "stdio ok\n");
}
