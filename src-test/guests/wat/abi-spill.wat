;; abi-spill: functions whose parameters flatten to more than 16 core values, so the caller passes them
;; in linear memory (one pointer, allocated through cabi_realloc); exported as wharf:abi/spill.
;;   sum17(p1..p17: u32) -> u64      the sum of the 17 values (17 flat params)
;;   echo-mixed(a: u8, b: s16, c: u32, d: s64, e: f32, f: f64, g: char, h: bool, i: string,
;;              j: list<u8>, k: u64, l: u32, m: u32, n: u32, o: u32, p: u32, q: u32)
;;     -> tuple<u8, s16, u32, s64, f32, f64, char, bool, string, list<u8>, u64, u32, u32, u32, u32, u32, u32>
;;     identity (19 flat params): the spilled parameter tuple has exactly the layout of the result
;;     tuple, so the function returns the pointer it was given as the return area.
(component
  (core module $m
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 1024))
    (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
      (global.set $bump (i32.add (local.get $p) (local.get $new_size)))
      (if (i32.gt_u (global.get $bump) (i32.shl (memory.size) (i32.const 16)))
        (then (if (i32.eq (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $bump) (i32.shl (memory.size) (i32.const 16))) (i32.const 16)) (i32.const 1)))
                          (i32.const -1))
                (then unreachable))))
      (if (local.get $old) (then (memory.copy (local.get $p) (local.get $old) (local.get $old_size))))
      (local.get $p))
    (func (export "cabi_post_ret") (param i32) (global.set $bump (i32.const 1024)))
    (func (export "cabi_post_i64") (param i64) (global.set $bump (i32.const 1024)))
    (func (export "sum17") (param $args i32) (result i64)
      (local $k i32) (local $sum i64)
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $k) (i32.const 17)))
          (local.set $sum (i64.add (local.get $sum)
                                   (i64.extend_i32_u (i32.load (i32.add (local.get $args) (i32.shl (local.get $k) (i32.const 2)))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $next)))
      (local.get $sum))
    (func (export "echo-mixed") (param $args i32) (result i32) (local.get $args))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "memory" (core memory $mem))
  (alias core export $i "cabi_realloc" (core func $realloc))

  (func $sum17
    (param "p1" u32) (param "p2" u32) (param "p3" u32) (param "p4" u32) (param "p5" u32) (param "p6" u32)
    (param "p7" u32) (param "p8" u32) (param "p9" u32) (param "p10" u32) (param "p11" u32) (param "p12" u32)
    (param "p13" u32) (param "p14" u32) (param "p15" u32) (param "p16" u32) (param "p17" u32)
    (result u64)
    (canon lift (core func $i "sum17") (memory $mem) (realloc $realloc) (post-return (core func $i "cabi_post_i64"))))
  (func $echo-mixed
    (param "a" u8) (param "b" s16) (param "c" u32) (param "d" s64) (param "e" f32) (param "f" f64)
    (param "g" char) (param "h" bool) (param "i" string) (param "j" (list u8)) (param "k" u64)
    (param "l" u32) (param "m" u32) (param "n" u32) (param "o" u32) (param "p" u32) (param "q" u32)
    (result (tuple u8 s16 u32 s64 f32 f64 char bool string (list u8) u64 u32 u32 u32 u32 u32 u32))
    (canon lift (core func $i "echo-mixed") (memory $mem) (realloc $realloc) string-encoding=utf8
      (post-return (core func $i "cabi_post_ret"))))

  (instance $spill
    (export "sum17" (func $sum17))
    (export "echo-mixed" (func $echo-mixed)))
  (export "wharf:abi/spill" (instance $spill))
)
