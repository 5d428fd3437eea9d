/* kv-counter-c: opens the default bucket "" of wasi:keyvalue/store@0.2.0-draft2, reads the key (request
 * path without '/' and query, or "counter" for "/"), then atomically increments it by 1 through
 * wasi:keyvalue/atomics@0.2.0-draft2 and responds 200 with the new value as decimal text.
 * The previous value from store get is in header x-kv-previous (bytes as stored, or "none").
 * A keyvalue error responds 500 "keyvalue error <case>[: message]".
 * wharf-world: kv-fixture
 */
#include "wasi_http.h"

#define KV_STORE "wasi:keyvalue/store@0.2.0-draft2"
#define KV_ATOMICS "wasi:keyvalue/atomics@0.2.0-draft2"

/* result<own<bucket>, error>: disc@0, handle@4 | error disc@4 (0 no-such-store, 1 access-denied, 2 other(string@8,@12)) */
WH_IMPORT(KV_STORE, "open") void kv__open(const char *id, size_t id_len, wh_ret_t *ret);
/* result<option<list<u8>>, error>: disc@0, option disc@4, list ptr@8 len@12 | error disc@4 ... */
WH_IMPORT(KV_STORE, "[method]bucket.get")
void kv__bucket_get(wh_handle_t self, const char *key, size_t key_len, wh_ret_t *ret);
WH_IMPORT(KV_STORE, "[resource-drop]bucket") void kv_bucket_drop(wh_handle_t self);
/* result<s64, error>: disc@0, s64@8 | error disc@8, message ptr@12 len@16 */
WH_IMPORT(KV_ATOMICS, "increment")
void kv__increment(wh_handle_t bucket, const char *key, size_t key_len, int64_t delta, wh_ret_t *ret);

static void kv_fail(wh_handle_t outparam, const wh_ret_t *r, int off) {
  wh_buf_t text = {0};
  int disc = wh_u8(r, off);
  wh_buf_str(&text, "keyvalue error ");
  wh_buf_u64(&text, (uint64_t)disc);
  if (disc == 2) {
    wh_buf_str(&text, ": ");
    wh_buf_add(&text, (const void *)(intptr_t)wh_i32(r, off + 4), (size_t)wh_i32(r, off + 8));
  }
  wh_buf_str(&text, "\n");
  wh_respond_text(outparam, 500, "text/plain", text.p);
  free(text.p);
}

WH_HANDLER(request, outparam) {
  char *pwq = wh_request_path_with_query(request);
  wh_request_drop(request);
  char *key = pwq[0] == '/' ? pwq + 1 : pwq;
  char *q = strchr(key, '?');
  if (q) *q = 0;
  if (key[0] == 0) key = "counter";

  wh_ret_t r;
  kv__open("", 0, &r);
  if (wh_u8(&r, 0) != 0) {
    kv_fail(outparam, &r, 4);
    return;
  }
  wh_handle_t bucket = wh_i32(&r, 4);

  kv__bucket_get(bucket, key, strlen(key), &r);
  if (wh_u8(&r, 0) != 0) {
    kv_fail(outparam, &r, 4);
    return;
  }
  char *previous;
  if (wh_u8(&r, 4) == 1) {
    size_t len = (size_t)wh_i32(&r, 12);
    previous = malloc(len + 1);
    memcpy(previous, (void *)(intptr_t)wh_i32(&r, 8), len);
    previous[len] = 0;
    free((void *)(intptr_t)wh_i32(&r, 8));
  } else {
    previous = strdup("none");
  }

  kv__increment(bucket, key, strlen(key), 1, &r);
  if (wh_u8(&r, 0) != 0) {
    kv_fail(outparam, &r, 8);
    return;
  }
  int64_t value = wh_i64(&r, 8);
  kv_bucket_drop(bucket);

  wh_buf_t text = {0};
  wh_buf_i64(&text, value);
  wh_handle_t headers = wh_fields_new();
  wh_fields_append_str(headers, "content-type", "text/plain");
  wh_fields_append_str(headers, "x-kv-previous", previous);
  free(previous);
  free(pwq);
  wh_handle_t out;
  wh_handle_t body = wh_respond(outparam, 200, headers, &out);
  wh_write_str(out, text.p);
  free(text.p);
  wh_finish(body, out, -1);
}
