// hello-js: the smallest wasi:http/proxy handler, through StarlingMonkey's fetch event.
addEventListener('fetch', (event) =>
  event.respondWith(
    new Response('hello from js\n', {
      status: 200,
      headers: { 'content-type': 'text/plain' },
    }),
  ),
);
