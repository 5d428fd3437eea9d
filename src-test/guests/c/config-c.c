/* config-c: wasi:config/store@0.2.0-rc.1. GET /all responds with every get-all pair as "k=v\n" lines;
 * any other path responds with get(<key from the query ?key=...>) as the body (200), 404 "not found\n"
 * when the key is unset, 400 without ?key=, 500 "config error <case>: <message>" on an error. *
 * wharf-world: config-fixture
 */
#include "wasi_http.h"

#define CONFIG "wasi:config/store@0.2.0-rc.1"

/* result<option<string>, error>: disc@0, option disc@4, ptr@8 len@12 | error disc@4 (0 upstream, 1 io), ptr@8 len@12 */
WH_IMPORT(CONFIG, "get") void config__get(const char *key, size_t key_len, wh_ret_t *ret);
/* result<list<tuple<string, string>>, error>: disc@0, list ptr@4 len@8 (16-byte elements) | error disc@4, ptr@8 len@12 */
WH_IMPORT(CONFIG, "get-all") void config__get_all(wh_ret_t *ret);

static void config_fail(wh_handle_t outparam, const wh_ret_t *r) {
  wh_buf_t text = {0};
  wh_buf_str(&text, "config error ");
  wh_buf_u64(&text, wh_u8(r, 4));
  wh_buf_str(&text, ": ");
  wh_buf_add(&text, (const void *)(intptr_t)wh_i32(r, 8), (size_t)wh_i32(r, 12));
  wh_buf_str(&text, "\n");
  wh_respond_text(outparam, 500, "text/plain", text.p);
  free(text.p);
}

WH_HANDLER(request, outparam) {
  char *pwq = wh_request_path_with_query(request);
  wh_request_drop(request);
  wh_ret_t r;
  if (strcmp(pwq, "/all") == 0 || strncmp(pwq, "/all?", 5) == 0) {
    config__get_all(&r);
    if (wh_u8(&r, 0) != 0) {
      config_fail(outparam, &r);
      return;
    }
    int32_t *e = (int32_t *)(intptr_t)wh_i32(&r, 4);
    int32_t n = wh_i32(&r, 8);
    wh_handle_t headers = wh_fields_new();
    wh_fields_append_str(headers, "content-type", "text/plain");
    wh_handle_t out;
    wh_handle_t body = wh_respond(outparam, 200, headers, &out);
    for (int32_t i = 0; i < n; i++) {
      wh_write_all(out, (const void *)(intptr_t)e[4 * i], (size_t)e[4 * i + 1]);
      wh_write_str(out, "=");
      wh_write_all(out, (const void *)(intptr_t)e[4 * i + 2], (size_t)e[4 * i + 3]);
      wh_write_str(out, "\n");
      free((void *)(intptr_t)e[4 * i]);
      free((void *)(intptr_t)e[4 * i + 2]);
    }
    free(e);
    wh_finish(body, out, -1);
    return;
  }
  char *key = strstr(pwq, "?key=");
  if (!key) key = strstr(pwq, "&key=");
  if (!key) {
    wh_respond_text(outparam, 400, "text/plain", "missing ?key=\n");
    return;
  }
  key += 5;
  char *amp = strchr(key, '&');
  if (amp) *amp = 0;
  config__get(key, strlen(key), &r);
  if (wh_u8(&r, 0) != 0) {
    config_fail(outparam, &r);
    return;
  }
  if (wh_u8(&r, 4) == 0) {
    wh_respond_text(outparam, 404, "text/plain", "not found\n");
    return;
  }
  size_t len = (size_t)wh_i32(&r, 12);
  char *value = malloc(len + 1);
  memcpy(value, (void *)(intptr_t)wh_i32(&r, 8), len);
  value[len] = 0;
  free((void *)(intptr_t)wh_i32(&r, 8));
  wh_respond_text(outparam, 200, "text/plain", value);
  free(value);
  free(pwq);
}
