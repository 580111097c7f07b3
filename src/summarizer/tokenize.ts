import { stemmer } from 'stemmer';
import { STOPWORDS } from './stopwords.ts';

/**
 * Word tokens for ranking: runs of letters/digits, lowercased. Hot paths scan character codes
 * once and intern each token into a global table (token -> stem id) without building a string
 * per token: ASCII tokens are hashed and compared in place; only new tokens, and tokens with
 * non-ASCII letters (which need full Unicode lowercasing), become strings.
 */
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Word-ness of BMP code points, learnt on first sight: 0 unknown, 1 not a word char, 2 word char. */
const wordClass = new Uint8Array(0x10000);

function isWordCodeSlow(code: number): boolean {
  let known = wordClass[code]!;
  if (known === 0) {
    const word = !(code >= 0xd800 && code <= 0xdfff) && LETTER_OR_DIGIT.test(String.fromCharCode(code));
    known = word ? 2 : 1;
    wordClass[code] = known;
  }
  return known === 2;
}

export function isWordCode(code: number): boolean {
  if (code < 128) {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  }
  return isWordCodeSlow(code); // surrogate halves (emoji, rare scripts) are not words
}

/** Calls `onToken` with every lowercased word token of `text`, in order. */
export function forEachToken(text: string, onToken: (token: string) => void): void {
  const length = text.length;
  let start = -1;
  for (let p = 0; p <= length; p++) {
    const inWord = p < length && isWordCode(text.charCodeAt(p));
    if (inWord) {
      if (start < 0) start = p;
    } else if (start >= 0) {
      onToken(text.slice(start, p).toLowerCase());
      start = -1;
    }
  }
}

/** All lowercased word tokens of `text`. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  forEachToken(text, (token) => tokens.push(token));
  return tokens;
}

/** Number of word tokens in text[from, to) (no token strings are built). */
export function countWords(text: string, from = 0, to = text.length): number {
  let count = 0;
  let inWord = false;
  for (let p = from; p < to; p++) {
    const code = text.charCodeAt(p);
    const word = code < 128
      ? (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)
      : isWordCodeSlow(code);
    if (word && !inWord) count++;
    inWord = word;
  }
  return count;
}

const STEM_CACHE_LIMIT = 200_000;
const stemCache = new Map<string, string>();

/** Porter stem of a lowercased token, memoized (the stemmer is the costliest step per token). */
export function stem(token: string): string {
  const cached = stemCache.get(token);
  if (cached !== undefined) return cached;
  const stemmed = token.length > 3 && token.length < 40 ? stemmer(token) : token;
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(token, stemmed);
  return stemmed;
}

/** Tokens longer than this carry no content (junk such as URLs glued together). */
const MAX_TERM_LENGTH = 40;
/** The token table is reset (between documents) once it holds this many tokens. */
const TOKEN_TABLE_LIMIT = 200_000;

/** Stem -> stem id. Ids are dense from 0 and stable until the table is reset. */
let stemIds = new Map<string, number>();
/** Changes whenever the tables are reset (ids handed out before then mean nothing after). */
export let termTableEpoch = 0;

/**
 * Interned tokens: open addressing keyed by a 64-bit fingerprint of the lowercased token (two
 * independent 32-bit hashes) plus its length. Each slot is a record of four ints in `slots`
 * (token id + 1 or 0 when empty, first hash, second hash, length), so a probe touches one cache
 * line and never the token's characters. Two distinct tokens would have to agree on 64 hash bits
 * and their length to be merged (about 1e-9 for a full table); a merge only joins two terms.
 */
const SLOT_SIZE = 4;
const INITIAL_SLOTS = 1 << 14;
let slots = new Int32Array(INITIAL_SLOTS * SLOT_SIZE);
let slotMask = INITIAL_SLOTS - 1;
let tokenStems = new Int32Array(1 << 13);
/** Per token id, 1 when the token has a letter (is not digits only), else 0. */
let tokenLetters = new Uint8Array(1 << 13);
const tokenTexts: string[] = [];

function resetTables(): void {
  slots = new Int32Array(INITIAL_SLOTS * SLOT_SIZE);
  slotMask = INITIAL_SLOTS - 1;
  tokenStems = new Int32Array(1 << 13);
  tokenLetters = new Uint8Array(1 << 13);
  tokenTexts.length = 0;
  shortTokenIds.fill(0);
  stemIds = new Map();
  termTableEpoch++;
}

function stemIdOf(stemmed: string): number {
  let id = stemIds.get(stemmed);
  if (id === undefined) {
    id = stemIds.size;
    stemIds.set(stemmed, id);
  }
  return id;
}

/** The stem id of a token under the summarizer's stopword list, -1 when it carries no content. */
function contentIdOf(token: string): number {
  if (STOPWORDS.has(token) || token.length > MAX_TERM_LENGTH) return -1;
  return stemIdOf(stem(token));
}

/** Rebuilds the slots at twice the size (keeps the load factor under one half). */
function rehash(): void {
  const count = (slotMask + 1) * 2;
  const table = new Int32Array(count * SLOT_SIZE);
  const mask = count - 1;
  for (let old = 0; old < slots.length; old += SLOT_SIZE) {
    if (slots[old] === 0) continue;
    let slot = slots[old + 1]! & mask;
    while (table[slot * SLOT_SIZE] !== 0) slot = (slot + 1) & mask;
    table.set(slots.subarray(old, old + SLOT_SIZE), slot * SLOT_SIZE);
  }
  slots = table;
  slotMask = mask;
}

function addToken(token: string, hash: number, check: number, slot: number): number {
  const id = tokenTexts.length;
  tokenTexts.push(token);
  if (id >= tokenStems.length) {
    const stems = new Int32Array(tokenStems.length * 2);
    stems.set(tokenStems);
    tokenStems = stems;
    const letters = new Uint8Array(tokenLetters.length * 2);
    letters.set(tokenLetters);
    tokenLetters = letters;
  }
  tokenStems[id] = contentIdOf(token);
  tokenLetters[id] = hasLetter(token) ? 1 : 0;
  const record = slot * SLOT_SIZE;
  slots[record] = id + 1;
  slots[record + 1] = hash;
  slots[record + 2] = check;
  slots[record + 3] = token.length;
  if (tokenTexts.length * 2 > slotMask + 1) rehash();
  return id;
}

/** Whether a token has a letter: an ASCII letter or any non-ASCII character (tokens are letters and digits). */
function hasLetter(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code > 127) return true;
  }
  return false;
}

/** Fingerprint steps over lowercased char codes: FNV-1a, and an independent multiply-xorshift. */
const HASH_SEED = 0x811c9dc5 | 0;
const HASH_PRIME = 0x01000193;
const CHECK_MULTIPLIER = 0x5bd1e995;

/** Lowercase ASCII letter or digit for each ASCII code, 0 for everything else. */
const ASCII_WORD = new Uint8Array(128);
for (let code = 48; code <= 57; code++) ASCII_WORD[code] = code;
for (let code = 97; code <= 122; code++) ASCII_WORD[code] = code;
for (let code = 65; code <= 90; code++) ASCII_WORD[code] = code | 0x20;

/**
 * Tokens of at most three ASCII letters/digits ("the", "of", "said" is four) are nearly half of
 * all tokens: their characters, packed in base 37, index this table directly (token id + 1), so
 * they need neither a hash probe nor a character compare.
 */
const SHORT_TOKEN_LENGTH = 3;
const shortTokenIds = new Int32Array(37 * 37 * 37);
/** 1..36 for each lowercase ASCII letter or digit (see ASCII_WORD), 0 otherwise. */
const SYMBOL = new Uint8Array(128);
for (let code = 48; code <= 57; code++) SYMBOL[code] = code - 47;
for (let code = 97; code <= 122; code++) SYMBOL[code] = code - 86;

/** Token id of the lowercased token `token` (its text given only to create it), by fingerprint. */
function intern(token: string | null, text: string, from: number, to: number, hash: number, check: number): number {
  const length = token === null ? to - from : token.length;
  let slot = hash & slotMask;
  for (;;) {
    const record = slot * SLOT_SIZE;
    const entry = slots[record]!;
    if (entry === 0) return addToken(token ?? text.slice(from, to).toLowerCase(), hash, check, slot);
    if (slots[record + 1] === hash && slots[record + 2] === check && slots[record + 3] === length) return entry - 1;
    slot = (slot + 1) & slotMask;
  }
}

/** Token id of an already-lowercased token string. */
function internString(token: string): number {
  let hash = HASH_SEED;
  let check = 0;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    hash = Math.imul(hash ^ code, HASH_PRIME);
    check = Math.imul(check + code, CHECK_MULTIPLIER) ^ (check >>> 15);
  }
  return intern(token, '', 0, 0, hash, check);
}

/**
 * Reusable output of `scanTokens`: token ids of a text range, in order. `ids` may be replaced by
 * a larger array during a scan, so read it after the scan.
 */
export interface TokenScan {
  ids: Int32Array;
  count: number;
}

/** Appends the token ids of text[from, to) to `out` (at out.count), growing `out.ids` as needed. */
export function scanTokens(text: string, from: number, to: number, out: TokenScan): void {
  scanTokenCodes(text, codeUnitsOf(text, to), from, to, out);
}

/** Backing store of `codeUnits` (a Buffer, so Node's native UTF-16 writer can fill it in place). */
let codeBuffer = Buffer.alloc(2 * 8192);
let codeUnits = new Uint16Array(codeBuffer.buffer, codeBuffer.byteOffset, codeBuffer.length >> 1);

/**
 * The UTF-16 code units of text[0, to) in a reused array, valid until the next call. Copying them
 * natively once and reading a typed array beats String#charCodeAt in a per-character loop, which
 * re-dispatches on the string's representation at every character.
 */
export function codeUnitsOf(text: string, to: number): Uint16Array {
  if (codeUnits.length < to) {
    codeBuffer = Buffer.alloc(4 * to);
    codeUnits = new Uint16Array(codeBuffer.buffer, codeBuffer.byteOffset, codeBuffer.length >> 1);
  }
  codeBuffer.write(to === text.length ? text : text.slice(0, to), 0, 'utf16le');
  return codeUnits;
}

/**
 * As scanTokens, reading characters from `codes`, the code units of `text` at the same offsets (as
 * codeUnitsOf gives them; `text` is read only to make strings of new tokens).
 */
export function scanTokenCodes(text: string, codes: Uint16Array, from: number, to: number, out: TokenScan): void {
  let ids = out.ids;
  let count = out.count;
  let p = from;
  while (p < to) {
    let code = codes[p]!;
    if (code < 128 ? ASCII_WORD[code] === 0 : !isWordCodeSlow(code)) {
      p++;
      continue;
    }
    // A token starts here: extend it with a tight loop (fingerprints of the lowercased codes).
    const start = p;
    let hash = HASH_SEED;
    let check = 0;
    let ascii = true;
    for (;;) {
      if (code < 128) {
        const lower = ASCII_WORD[code]!;
        if (lower === 0) break;
        hash = Math.imul(hash ^ lower, HASH_PRIME);
        check = Math.imul(check + lower, CHECK_MULTIPLIER) ^ (check >>> 15);
      } else if (isWordCodeSlow(code)) {
        ascii = false;
      } else {
        break;
      }
      if (++p === to) break;
      code = codes[p]!;
    }
    let id: number;
    if (!ascii) {
      id = internString(text.slice(start, p).toLowerCase());
    } else if (p - start <= SHORT_TOKEN_LENGTH) {
      let packed = 0;
      for (let k = start; k < p; k++) packed = packed * 37 + SYMBOL[ASCII_WORD[codes[k]!]!]!;
      id = shortTokenIds[packed]! - 1;
      if (id < 0) {
        id = intern(null, text, start, p, hash, check);
        shortTokenIds[packed] = id + 1;
      }
    } else {
      id = intern(null, text, start, p, hash, check);
    }
    if (count === ids.length) {
      const larger = new Int32Array(ids.length * 2);
      larger.set(ids);
      ids = larger;
      out.ids = ids;
    }
    ids[count++] = id;
  }
  out.count = count;
}

/** Read-only views of the token table, valid until the next scan or reset. */
export interface TokenTable {
  /** Stem id of each token id, -1 for stopwords and junk. */
  readonly stems: Int32Array;
  /** Lowercased text of each token id. */
  readonly texts: readonly string[];
  /** 1 when the token of each id has a letter (an ASCII letter or a non-ASCII character), 0 for digits only. */
  readonly letters: Uint8Array;
}

/** The current token table (re-read after every scan: its arrays grow). */
export function tokenTable(): TokenTable {
  return { stems: tokenStems, texts: tokenTexts, letters: tokenLetters };
}

/**
 * Marks the start of a document: resets the tables when they have grown past their limit, so ids
 * never change in the middle of one document.
 */
export function beginDocument(): void {
  if (tokenTexts.length >= TOKEN_TABLE_LIMIT || stemIds.size >= TOKEN_TABLE_LIMIT) resetTables();
}

/**
 * The stem id of a lowercased token, or -1 when the token carries no content (a stopword or
 * junk longer than 40 characters). Ids are stable while the table lives; it is reset when it
 * grows past its limit, so callers must not keep ids across documents.
 */
export function termIdOf(token: string, stopwords: ReadonlySet<string>): number {
  if (stopwords === STOPWORDS) return tokenStems[internString(token)]!;
  if (stopwords.has(token) || token.length > MAX_TERM_LENGTH) return -1;
  return stemIdOf(stem(token));
}

/** Number of stem ids handed out so far (an upper bound for ids). */
export function termIdBound(): number {
  return stemIds.size;
}
