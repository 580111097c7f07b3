/**
 * The WebAssembly fingerprint pass (fingerprint.wat) and the memory it shares with scanTerms: the
 * text's code units go in, per-token fingerprints, ends and non-ASCII flags come out. The module
 * is compiled once, synchronously, at load (it is a few hundred bytes).
 */
import { WASM_BASE64 } from './fingerprint-wasm.ts';

/** Byte offsets of the module's memory layout (see fingerprint.wat). */
const enum Layout {
  WordTable = 0,
  Hashes = 65536,
  Checks = 73728,
  Ends = 81920,
  NonAscii = 90112,
  Codes = 98304,
}

/** Characters per call of fingerprintChunk: the per-token areas hold at most one token per two characters, plus two. */
export const CHUNK_CHARS = 2048;
const TOKENS_PER_CHUNK = CHUNK_CHARS / 2 + 2;
const PAGE_BYTES = 65536;

/** Flags of fingerprintChunk. */
export const enum ChunkFlag {
  /** The chunk starts a new range: no token is carried in. */
  First = 1,
  /** The chunk ends its range: a token still being read is recorded. */
  Last = 2,
}

/** What fingerprintChunk returns, beside the token count in its low 16 bits: set when a token has a non-ASCII letter... */
export const ANY_NON_ASCII = 0x10000;
/** ...and set when the chunk has an ASCII capital letter. */
export const ANY_ASCII_CAPITAL = 0x20000;
export const TOKEN_COUNT_MASK = 0xffff;

interface FingerprintExports {
  readonly memory: WebAssembly.Memory;
  readonly fingerprintChunk: (from: number, to: number, flags: number) => number;
}

const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(WASM_BASE64, 'base64')), {});
const wasm = instance.exports as unknown as FingerprintExports;

/**
 * Views of the shared memory. Growing the memory detaches them, so they are remade then; callers
 * read them through `fingerprintViews()` after `loadCodeUnits`, the only call that grows it.
 */
export interface FingerprintViews {
  /** The text's code units (valid up to the length last loaded). */
  readonly codes: Uint16Array;
  /** Per token of the last chunk: its fingerprints, end offset, and 1 when it has a non-ASCII letter. */
  readonly hashes: Int32Array;
  readonly checks: Int32Array;
  readonly ends: Int32Array;
  readonly nonAscii: Uint8Array;
}

let views = makeViews();
/** The code-unit area as a Buffer, so Node's native UTF-16 writer fills it in place. */
let codeBuffer = Buffer.from(wasm.memory.buffer, Layout.Codes);

function makeViews(): FingerprintViews {
  const buffer = wasm.memory.buffer;
  return {
    codes: new Uint16Array(buffer, Layout.Codes, (buffer.byteLength - Layout.Codes) >> 1),
    hashes: new Int32Array(buffer, Layout.Hashes, TOKENS_PER_CHUNK),
    checks: new Int32Array(buffer, Layout.Checks, TOKENS_PER_CHUNK),
    ends: new Int32Array(buffer, Layout.Ends, TOKENS_PER_CHUNK),
    nonAscii: new Uint8Array(buffer, Layout.NonAscii, TOKENS_PER_CHUNK),
  };
}

/** Fills the word table (see fingerprint.wat) once. */
export function loadWordTable(table: Uint8Array): void {
  new Uint8Array(wasm.memory.buffer, Layout.WordTable, table.length).set(table);
}

/**
 * Writes the UTF-16 code units of text[0, to) into the shared memory (growing it when needed) and
 * returns the views to read them and the pass's results through, valid until the next call. Like
 * a reused buffer, the memory keeps the size of the longest text seen.
 */
export function loadCodeUnits(text: string, to: number): FingerprintViews {
  const needed = Layout.Codes + 2 * to;
  const memory = wasm.memory;
  if (memory.buffer.byteLength < needed) {
    memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE_BYTES));
    views = makeViews();
    codeBuffer = Buffer.from(memory.buffer, Layout.Codes);
  }
  codeBuffer.write(to === text.length ? text : text.slice(0, to), 0, 'utf16le');
  return views;
}

/** The current views (remade after the memory grew). */
export function fingerprintViews(): FingerprintViews {
  return views;
}

/**
 * Fingerprints the tokens of text[from, to) (at most CHUNK_CHARS characters of the text last
 * loaded) into the per-token views; see fingerprint.wat. Returns the token count, plus
 * ANY_NON_ASCII when a token has a non-ASCII letter (the caller clears those flags after reading),
 * plus ANY_ASCII_CAPITAL when the chunk has an ASCII capital.
 */
export function fingerprintChunk(from: number, to: number, flags: number): number {
  return wasm.fingerprintChunk(from, to, flags);
}
