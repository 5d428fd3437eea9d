// echo-js: the JS twin of echo-c. Responds 200 with x-echo-method, x-echo-path-with-query, every request
// header echoed back as x-echo-h-<name>, and the request body streamed back as the response body.
addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  const headers = new Headers();
  headers.append('x-echo-method', request.method);
  headers.append('x-echo-path-with-query', url.pathname + url.search);
  for (const [name, value] of request.headers) {
    headers.append(`x-echo-h-${name}`, value);
  }
  event.respondWith(new Response(request.body, { status: 200, headers }));
});
