;; toolchain-imports: what Rust's std on wasm32-wasip2 (std::net), TinyGo's net package and CPython import from
;; wasi:sockets, used the way a guest probing for the network would. The host keeps the network closed.
;; Built with: jco parse toolchain-imports.wat -o toolchain-imports.wasm
;;   probe() -> u32   (d_tcp + d_lookup + d_udp) * 1000000 + e_tcp * 10000 + e_lookup * 100 + e_udp, where d is the
;;                    result's discriminant (1 = error) and e its error-code case (1 = access-denied): 3010101
(component
  (import "wasi:sockets/network@0.2.3" (instance $network
    (export "network" (type (sub resource)))
    (type $ec-def (enum "unknown" "access-denied" "not-supported" "invalid-argument" "out-of-memory" "timeout"
      "concurrency-conflict" "not-in-progress" "would-block" "invalid-state" "new-socket-limit"
      "address-not-bindable" "address-in-use" "remote-unreachable" "connection-refused" "connection-reset"
      "connection-aborted" "datagram-too-large" "name-unresolvable" "temporary-resolver-failure"
      "permanent-resolver-failure"))
    (export "error-code" (type $ec (eq $ec-def)))
    (type $fam-def (enum "ipv4" "ipv6"))
    (export "ip-address-family" (type (eq $fam-def)))
    (type $v4-def (tuple u8 u8 u8 u8))
    (export "ipv4-address" (type $v4 (eq $v4-def)))
    (type $v6-def (tuple u16 u16 u16 u16 u16 u16 u16 u16))
    (export "ipv6-address" (type $v6 (eq $v6-def)))
    (type $ip-def (variant (case "ipv4" $v4) (case "ipv6" $v6)))
    (export "ip-address" (type (eq $ip-def)))
    (type $s4-def (record (field "port" u16) (field "address" $v4)))
    (export "ipv4-socket-address" (type $s4 (eq $s4-def)))
    (type $s6-def (record (field "port" u16) (field "flow-info" u32) (field "address" $v6) (field "scope-id" u32)))
    (export "ipv6-socket-address" (type $s6 (eq $s6-def)))
    (type $sa-def (variant (case "ipv4" $s4) (case "ipv6" $s6)))
    (export "ip-socket-address" (type (eq $sa-def)))))
  (alias export $network "network" (type $net))
  (alias export $network "error-code" (type $ec))
  (alias export $network "ip-address-family" (type $fam))
  (alias export $network "ip-address" (type $ipaddr))
  (alias export $network "ip-socket-address" (type $sockaddr))
  (import "wasi:sockets/instance-network@0.2.3" (instance $inet
    (alias outer 1 $net (type $n0))
    (export "network" (type $n (eq $n0)))
    (export "instance-network" (func (result (own $n))))))
  (import "wasi:sockets/ip-name-lookup@0.2.3" (instance $lookup
    (alias outer 1 $net (type $n0))
    (export "network" (type $n (eq $n0)))
    (alias outer 1 $ec (type $e0))
    (export "error-code" (type $e (eq $e0)))
    (alias outer 1 $ipaddr (type $ip0))
    (export "ip-address" (type $ip (eq $ip0)))
    (export "resolve-address-stream" (type $s (sub resource)))
    (export "resolve-addresses" (func (param "network" (borrow $n)) (param "name" string)
      (result (result (own $s) (error $e)))))
    (export "[method]resolve-address-stream.resolve-next-address" (func (param "self" (borrow $s))
      (result (result (option $ip) (error $e)))))))
  (import "wasi:sockets/tcp@0.2.3" (instance $tcp
    (alias outer 1 $net (type $n0))
    (export "network" (type $n (eq $n0)))
    (alias outer 1 $ec (type $e0))
    (export "error-code" (type $e (eq $e0)))
    (alias outer 1 $sockaddr (type $sa0))
    (export "ip-socket-address" (type $sa (eq $sa0)))
    (export "tcp-socket" (type $t (sub resource)))
    (export "[method]tcp-socket.start-connect" (func (param "self" (borrow $t)) (param "network" (borrow $n))
      (param "remote-address" $sa) (result (result (error $e)))))))
  (alias export $tcp "tcp-socket" (type $tcpsock))
  (import "wasi:sockets/tcp-create-socket@0.2.3" (instance $tcpc
    (alias outer 1 $ec (type $e0))
    (export "error-code" (type $e (eq $e0)))
    (alias outer 1 $fam (type $f0))
    (export "ip-address-family" (type $f (eq $f0)))
    (alias outer 1 $tcpsock (type $t0))
    (export "tcp-socket" (type $t (eq $t0)))
    (export "create-tcp-socket" (func (param "address-family" $f) (result (result (own $t) (error $e)))))))
  (import "wasi:sockets/udp@0.2.3" (instance $udp
    (export "udp-socket" (type (sub resource)))))
  (alias export $udp "udp-socket" (type $udpsock))
  (import "wasi:sockets/udp-create-socket@0.2.3" (instance $udpc
    (alias outer 1 $ec (type $e0))
    (export "error-code" (type $e (eq $e0)))
    (alias outer 1 $fam (type $f0))
    (export "ip-address-family" (type $f (eq $f0)))
    (alias outer 1 $udpsock (type $u0))
    (export "udp-socket" (type $u (eq $u0)))
    (export "create-udp-socket" (func (param "address-family" $f) (result (result (own $u) (error $e)))))))

  (core module $memory-module (memory (export "memory") 1))
  (core instance $memory-instance (instantiate $memory-module))
  (alias core export $memory-instance "memory" (core memory $mem))

  (core func $inet-l (canon lower (func $inet "instance-network")))
  (core func $resolve-l (canon lower (func $lookup "resolve-addresses") (memory $mem) string-encoding=utf8))
  (core func $next-l (canon lower (func $lookup "[method]resolve-address-stream.resolve-next-address") (memory $mem)))
  (core func $connect-l (canon lower (func $tcp "[method]tcp-socket.start-connect") (memory $mem)))
  (core func $ctcp-l (canon lower (func $tcpc "create-tcp-socket") (memory $mem)))
  (core func $cudp-l (canon lower (func $udpc "create-udp-socket") (memory $mem)))

  (core module $m
    (import "env" "memory" (memory 1))
    (import "env" "instance-network" (func $inet (result i32)))
    (import "env" "resolve-addresses" (func $resolve (param i32 i32 i32 i32)))
    (import "env" "resolve-next-address" (func $next (param i32 i32)))
    (import "env" "start-connect" (func $connect
      (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
    (import "env" "create-tcp-socket" (func $ctcp (param i32 i32)))
    (import "env" "create-udp-socket" (func $cudp (param i32 i32)))
    (data (i32.const 100) "example.com")
    (func (export "probe") (result i32)
      (local $n i32)
      (local.set $n (call $inet))
      (call $ctcp (i32.const 0) (i32.const 16))
      (call $resolve (local.get $n) (i32.const 100) (i32.const 11) (i32.const 32))
      (call $cudp (i32.const 1) (i32.const 48))
      (i32.add
        (i32.mul (i32.add (i32.add (i32.load8_u (i32.const 16)) (i32.load8_u (i32.const 32))) (i32.load8_u (i32.const 48)))
          (i32.const 1000000))
        (i32.add
          (i32.add (i32.mul (i32.load8_u (i32.const 20)) (i32.const 10000)) (i32.mul (i32.load8_u (i32.const 36)) (i32.const 100)))
          (i32.load8_u (i32.const 52))))))
  (core instance $i (instantiate $m (with "env" (instance
    (export "memory" (memory $mem))
    (export "instance-network" (func $inet-l))
    (export "resolve-addresses" (func $resolve-l))
    (export "resolve-next-address" (func $next-l))
    (export "start-connect" (func $connect-l))
    (export "create-tcp-socket" (func $ctcp-l))
    (export "create-udp-socket" (func $cudp-l))))))
  (func $probe (result u32) (canon lift (core func $i "probe")))
  (export "probe" (func $probe))
)
