import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeUnitsOf } from '../../src/summarizer/tokenize.ts';
import { ANY_ASCII_CAPITAL, ANY_NON_ASCII, CHUNK_CHARS, ChunkFlag, fingerprintChunk, fingerprintViews, TOKEN_COUNT_MASK } from '../../src/summarizer/wasm/fingerprint-pass.ts';
import { WASM_BASE64 } from '../../src/summarizer/wasm/fingerprint-wasm.ts';
import { compileWat, WASM_DIR } from '../../scripts/wasm.ts';

interface PassToken {
  hash: number;
  check: number;
  end: number;
  nonAscii: number;
}

/** The pass's tokens for text[from, to), read chunk by chunk as scanTerms does. */
function passTokens(text: string, from: number, to: number): PassToken[] {
  codeUnitsOf(text, text.length);
  const tokens: PassToken[] = [];
  for (let chunk = from; chunk < to; chunk += CHUNK_CHARS) {
    const chunkEnd = Math.min(to, chunk + CHUNK_CHARS);
    const flags = (chunk === from ? ChunkFlag.First : 0) | (chunkEnd === to ? ChunkFlag.Last : 0);
    const result = fingerprintChunk(chunk, chunkEnd, flags);
    const { hashes, checks, ends, nonAscii } = fingerprintViews();
    const n = result & TOKEN_COUNT_MASK;
    let flagged = 0;
    for (let k = 0; k < n; k++) {
      tokens.push({ hash: hashes[k]!, check: checks[k]!, end: ends[k]!, nonAscii: nonAscii[k]! });
      flagged += nonAscii[k]!;
    }
    expect((result & ANY_NON_ASCII) !== 0).toBe(flagged > 0 || nonAscii[n] === 1);
    expect((result & ANY_ASCII_CAPITAL) !== 0).toBe(/[A-Z]/.test(text.slice(chunk, chunkEnd)));
    nonAscii.fill(0, 0, n + 1);
  }
  return tokens;
}

/**
 * What the pass should give: the runs of letters and digits, each with its FNV-1a and
 * multiply-xorshift fingerprints over its lowercased codes (a non-ASCII letter counting as 1).
 */
function expectedTokens(text: string, from: number, to: number): PassToken[] {
  const tokens: PassToken[] = [];
  const word = /[\p{L}\p{N}]+/gu;
  for (const match of text.slice(from, to).matchAll(word)) {
    let hash = 0;
    let check = 0;
    let nonAscii = 0;
    for (const ch of match[0]) {
      if (ch.length > 1) throw new Error('test texts hold no surrogate pairs in words');
      const code = ch.charCodeAt(0);
      const lower = code < 128 ? ch.toLowerCase().charCodeAt(0) : 1;
      if (code >= 128) nonAscii = 1;
      hash = Math.imul(hash ^ lower, 0x01000193);
      check = Math.imul(check + lower, 0x5bd1e995) ^ (check >>> 15);
    }
    tokens.push({ hash, check, end: from + match.index + match[0].length, nonAscii });
  }
  return tokens;
}

/** A deterministic pseudo-random text of words, spaces, punctuation, accented letters and emoji. */
function randomText(length: number, seed: number): string {
  const pieces = ['a', 'Z', 'q', '7', ' ', ' ', '.', ',', '-', 'é', 'Ö', 'ж', '中', '😀', '\n', '’', 'ß'];
  let state = seed;
  let text = '';
  while (text.length < length) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    text += pieces[(state >>> 8) % pieces.length];
  }
  return text;
}

describe('the WebAssembly fingerprint pass', () => {
  it('is built from the current fingerprint.wat', async () => {
    const compiled = await compileWat(join(WASM_DIR, 'fingerprint.wat'));
    expect(Buffer.from(compiled).equals(Buffer.from(WASM_BASE64, 'base64'))).toBe(true);
  });

  it('fingerprints every token of a text, across chunk boundaries', () => {
    const text = randomText(3 * CHUNK_CHARS + 123, 7);
    expect(passTokens(text, 0, text.length)).toEqual(expectedTokens(text, 0, text.length));
  });

  it('starts afresh for each range, a token cut by the range end included', () => {
    const text = 'Naïve tests SPLIT words: caf|é crème';
    expect(passTokens(text, 6, 14)).toEqual(expectedTokens(text, 6, 14)); // "tests SP"
    expect(passTokens(text, 0, text.length)).toEqual(expectedTokens(text, 0, text.length));
    expect(passTokens(text, 3, 3)).toEqual([]);
  });

  it('carries a non-ASCII token across a chunk boundary', () => {
    const text = `${'x '.repeat(CHUNK_CHARS / 2 - 1)}aé${'b'.repeat(10)} end`;
    const tokens = passTokens(text, 0, text.length);
    expect(tokens).toEqual(expectedTokens(text, 0, text.length));
    expect(tokens.filter((token) => token.nonAscii === 1)).toHaveLength(1);
  });

  it('grows its memory for long texts and reads them whole', () => {
    const text = randomText(300_000, 11);
    const tokens = passTokens(text, 0, text.length);
    expect(tokens).toEqual(expectedTokens(text, 0, text.length));
    expect(fingerprintViews().codes[text.length - 1]).toBe(text.charCodeAt(text.length - 1));
  });
});
