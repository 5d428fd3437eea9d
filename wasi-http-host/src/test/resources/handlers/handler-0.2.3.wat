;; handler-0.2.3: the smallest component exporting wasi:http/incoming-handler@0.2.3, for the handler export
;; checks (WasiHttpHost.handlerExport, the platform's upload checks). Its handle does nothing.
;; Encode with: ../../../../../src-test/guests/node_modules/.bin/jco parse handler-0.2.3.wat -o handler-0.2.3.wasm
(component
  (import "wasi:http/types@0.2.3" (instance $types
    (export "incoming-request" (type (sub resource)))
    (export "response-outparam" (type (sub resource)))))
  (alias export $types "incoming-request" (type $request))
  (alias export $types "response-outparam" (type $outparam))
  (core module $m
    (func (export "handle") (param i32 i32)))
  (core instance $i (instantiate $m))
  (func $handle (param "request" (own $request)) (param "response-out" (own $outparam))
    (canon lift (core func $i "handle")))
  (instance $handler (export "handle" (func $handle)))
  (export "wasi:http/incoming-handler@0.2.3" (instance $handler))
)
