;; start-loops: a wasi:http handler whose core module's start function never returns. Without a deadline on start
;; functions, the first request (a cold start) would hold its thread forever.
;; Encode with: ../../../../../src-test/guests/node_modules/.bin/jco parse start-loops.wat -o start-loops.wasm
(component
  (import "wasi:http/types@0.2.3" (instance $types
    (export "incoming-request" (type (sub resource)))
    (export "response-outparam" (type (sub resource)))))
  (alias export $types "incoming-request" (type $request))
  (alias export $types "response-outparam" (type $outparam))
  (core module $m
    (func $forever (loop $again (br $again)))
    (start $forever)
    (func (export "handle") (param i32 i32)))
  (core instance $i (instantiate $m))
  (func $handle (param "request" (own $request)) (param "response-out" (own $outparam))
    (canon lift (core func $i "handle")))
  (instance $handler (export "handle" (func $handle)))
  (export "wasi:http/incoming-handler@0.2.3" (instance $handler))
)
