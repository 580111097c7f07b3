;; The first pass of scanTerms (src/summarizer/tokenize.ts), per chunk of characters: at every
;; character it records the token fingerprints so far and the position as the n-th token's, and n
;; moves on only where a token has just ended, so each token's last record stays. Branch-free but
;; for the rare non-ASCII letter. Written in WebAssembly because the same loop in JavaScript spends
;; about half its time on bounds checks of its typed-array reads and writes; here memory accesses
;; need none. Build: npm run build:wasm (writes fingerprint-wasm.ts; a test checks it is current).
;;
;; Memory layout (byte offsets; the JavaScript side, fingerprint-pass.ts, uses the same numbers):
;;   0      word table: per UTF-16 code unit, its lowercase ASCII letter or digit (plus 128 for an
;;          ASCII capital), 1 for any other letter or digit, 0 for anything else (65,536 bytes)
;;   65536  per token of the chunk: first fingerprint (i32, FNV-1a steps over lowercased codes)
;;   73728  per token: second fingerprint (i32, multiply-xorshift steps)
;;   81920  per token: end offset (i32)
;;   90112  per token: 1 when it has a non-ASCII letter (u8)
;;   98304  the text's UTF-16 code units, from offset 0 of the text (grows with the text)
(module
  (memory (export "memory") 2)
  ;; The token being read, carried from chunk to chunk: its fingerprints, whether the last
  ;; character read was a word character, and whether the token has a non-ASCII letter.
  (global $hash (mut i32) (i32.const 0))
  (global $check (mut i32) (i32.const 0))
  (global $inWord (mut i32) (i32.const 0))
  (global $carriedNonAscii (mut i32) (i32.const 0))

  ;; Fingerprints text[from, to). Flags: 1 starts a new range (state reset), 2 ends it (a token
  ;; still being read is recorded). Returns the number of tokens recorded, plus 65536 when one of
  ;; them has a non-ASCII letter (their flags are set; the caller clears them after reading), plus
  ;; 131072 when the chunk has an ASCII capital letter.
  (func (export "fingerprintChunk") (param $p i32) (param $to i32) (param $flags i32) (result i32)
    (local $n i32) (local $hash i32) (local $check i32) (local $previous i32) (local $any i32)
    (local $entry i32) (local $entries i32) (local $lower i32) (local $word i32) (local $keep i32) (local $hashBase i32) (local $checkBase i32)
    (local $slot i32)
    (if (i32.and (local.get $flags) (i32.const 1))
      (then
        (global.set $hash (i32.const 0))
        (global.set $check (i32.const 0))
        (global.set $inWord (i32.const 0))
        (global.set $carriedNonAscii (i32.const 0))))
    (local.set $hash (global.get $hash))
    (local.set $check (global.get $check))
    (local.set $previous (global.get $inWord))
    (local.set $any (global.get $carriedNonAscii))
    (if (local.get $any) (then (i32.store8 offset=90112 (i32.const 0) (i32.const 1))))
    (block $done
      (br_if $done (i32.ge_u (local.get $p) (local.get $to)))
      (loop $next
        (local.set $entry (i32.load8_u (i32.load16_u offset=98304 (i32.shl (local.get $p) (i32.const 1)))))
        (local.set $entries (i32.or (local.get $entries) (local.get $entry)))
        (local.set $lower (i32.and (local.get $entry) (i32.const 127)))
        (if (i32.eq (local.get $lower) (i32.const 1))
          (then
            (i32.store8 offset=90112 (local.get $n) (i32.const 1))
            (local.set $any (i32.const 1))))
        ;; lower <= 122: 1 for a word character, else 0
        (local.set $word (i32.shr_u (i32.add (local.get $lower) (i32.const 127)) (i32.const 7)))
        (local.set $slot (i32.shl (local.get $n) (i32.const 2)))
        (i32.store offset=65536 (local.get $slot) (local.get $hash))
        (i32.store offset=73728 (local.get $slot) (local.get $check))
        (i32.store offset=81920 (local.get $slot) (local.get $p))
        (local.set $n (i32.add (local.get $n) (i32.and (local.get $previous) (i32.xor (local.get $word) (i32.const 1)))))
        ;; The fingerprint steps, restarted from 0 at a token's first character.
        (local.set $keep (i32.sub (i32.const 0) (local.get $previous)))
        (local.set $hashBase (i32.and (local.get $hash) (local.get $keep)))
        (local.set $checkBase (i32.and (local.get $check) (local.get $keep)))
        (local.set $hash (i32.mul (i32.xor (local.get $hashBase) (local.get $lower)) (i32.const 0x01000193)))
        (local.set $check
          (i32.xor
            (i32.mul (i32.add (local.get $checkBase) (local.get $lower)) (i32.const 0x5bd1e995))
            (i32.shr_u (local.get $checkBase) (i32.const 15))))
        (local.set $previous (local.get $word))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $p) (local.get $to)))))
    (if (i32.and (i32.shr_u (local.get $flags) (i32.const 1)) (local.get $previous))
      (then
        (local.set $slot (i32.shl (local.get $n) (i32.const 2)))
        (i32.store offset=65536 (local.get $slot) (local.get $hash))
        (i32.store offset=73728 (local.get $slot) (local.get $check))
        (i32.store offset=81920 (local.get $slot) (local.get $to))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))))
    (global.set $hash (local.get $hash))
    (global.set $check (local.get $check))
    (global.set $inWord (local.get $previous))
    ;; A token still being read carries its non-ASCII flag into the next chunk.
    (global.set $carriedNonAscii (i32.and (local.get $previous) (i32.load8_u offset=90112 (local.get $n))))
    (i32.or
      (i32.or (local.get $n) (i32.shl (local.get $any) (i32.const 16)))
      (i32.shl (i32.and (local.get $entries) (i32.const 128)) (i32.const 10))))
)
