import { stemmer } from 'stemmer';
import { STOPWORDS } from './stopwords.ts';
import { ANY_ASCII_CAPITAL, ANY_NON_ASCII, CHUNK_CHARS, ChunkFlag, fingerprintChunk, fingerprintViews, loadCodeUnits, loadWordTable, TOKEN_COUNT_MASK } from './wasm/fingerprint-pass.ts';

/**
 * Word tokens for ranking: runs of letters/digits, lowercased. Hot paths scan character codes
 * once and intern each token into a global table (token -> stem id) without building a string
 * per token: ASCII tokens are hashed and compared in place; only new tokens, and tokens with
 * non-ASCII letters (which need full Unicode lowercasing), become strings.
 */
/**
 * For every UTF-16 code unit: its lowercase form for an ASCII letter or digit (plus 128 for an
 * ASCII capital, so the fingerprint pass notices capitals in passing), 1 for any other letter or
 * digit (\p{L} or \p{N}), 0 for everything else (surrogate halves included: emoji and rare
 * scripts are no words). Built once, from the runs of a regex over a string of all BMP
 * characters (a few milliseconds), so hot loops classify any character with one read and no call
 * (a call in a loop makes the compiler keep the loop's variables in memory).
 */
const ASCII_CAPITAL_MARK = 128;
const WORD_CODES = wordCodeTable();
loadWordTable(WORD_CODES);

function wordCodeTable(): Uint8Array {
  const codes = new Uint16Array(0x10000);
  for (let code = 0; code < 0x10000; code++) codes[code] = code >= 0xd800 && code <= 0xdfff ? 32 : code; // no surrogate pairs
  const all = Buffer.from(codes.buffer).toString('utf16le');
  const table = new Uint8Array(0x10000);
  const runs = /[\p{L}\p{N}]+/gu;
  for (let run = runs.exec(all); run !== null; run = runs.exec(all)) table.fill(1, run.index, runs.lastIndex);
  for (let code = 48; code <= 57; code++) table[code] = code;
  for (let code = 97; code <= 122; code++) table[code] = code;
  for (let code = 65; code <= 90; code++) table[code] = (code | 0x20) + ASCII_CAPITAL_MARK;
  return table;
}

export function isWordCode(code: number): boolean {
  return WORD_CODES[code]! !== 0;
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
    const word = WORD_CODES[code]! !== 0;
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

/**
 * Interned tokens: open addressing keyed by a 64-bit fingerprint of the lowercased token (two
 * independent 32-bit hashes). Each slot is a record of four ints in `slots` (at the offsets
 * below) holding all a scan needs of the token, so a token touches one line of the table and
 * never its characters. The second hash is stored odd (its low bit set), so an empty slot (all
 * zeros) never matches. Two distinct tokens would have to agree on 63 hash bits to be merged
 * (about 2e-9 for a full table); a merge only joins two terms.
 */
const SLOT_SIZE = 4;
/** The token's key (see tokenKey), or 0 for an empty slot. */
const SLOT_ID = 0;
const SLOT_HASH = 1;
const SLOT_CHECK = 2;
/** Where the token's stem has its entries in `stemMarks`: 2 * (stem id + 1), 0 for a token without content. */
const SLOT_MARK = 3;
const INITIAL_SLOTS = 1 << 14;
let slots = new Int32Array(INITIAL_SLOTS * SLOT_SIZE);
let slotMask = INITIAL_SLOTS - 1;
const tokenTexts: string[] = [];
/**
 * Per stem id s, at 2 * (s + 1): the stamp of the last document that numbered the stem, then its
 * term number there. Entries 0 and 1 stand for tokens without content (stem -1): beginTermScan
 * marks them as numbered -1 in every document.
 */
let stemMarks = new Int32Array(1 << 13);
/** Stamp of the current document; stamps only grow until the tables are reset. */
let documentStamp = 0;
const STAMP_LIMIT = 0x7fff_fff0;

function resetTables(): void {
  slots = new Int32Array(INITIAL_SLOTS * SLOT_SIZE);
  slotMask = INITIAL_SLOTS - 1;
  tokenTexts.length = 0;
  stemIds = new Map();
  stemMarks = new Int32Array(1 << 13);
  documentStamp = 0;
}

function stemIdOf(stemmed: string): number {
  let id = stemIds.get(stemmed);
  if (id === undefined) {
    id = stemIds.size;
    stemIds.set(stemmed, id);
    if (2 * id + 3 >= stemMarks.length) {
      const marks = new Int32Array(stemMarks.length * 2);
      marks.set(stemMarks);
      stemMarks = marks;
    }
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
    if (slots[old + SLOT_ID] === 0) continue;
    let slot = slots[old + SLOT_HASH]! & mask;
    while (table[slot * SLOT_SIZE + SLOT_ID] !== 0) slot = (slot + 1) & mask;
    table.set(slots.subarray(old, old + SLOT_SIZE), slot * SLOT_SIZE);
  }
  slots = table;
  slotMask = mask;
}

/**
 * Facts about a token kept in the low bits of its key, so a scan hands them on with the token id
 * (a document reads its terms' facts from their first tokens' keys, in order, instead of looking
 * each up in memory scattered by token id).
 */
export const enum TokenFact {
  /** The token has a letter: an ASCII letter or a non-ASCII character (tokens are letters and digits); else digits only. */
  Letter = 1,
  /** The token is longer than two UTF-16 code units. */
  Long = 2,
  /** Bits under the token id + 1 in a key. */
  Shift = 2,
}

/** A token's key: its id + 1 above its facts (never 0, which marks an empty slot). */
function tokenKey(id: number, token: string): number {
  return ((id + 1) << TokenFact.Shift) | (hasLetter(token) ? TokenFact.Letter : 0) | (token.length > 2 ? TokenFact.Long : 0);
}

/** The token id of a token key. */
export function tokenIdOf(key: number): number {
  return (key >> TokenFact.Shift) - 1;
}

/** The lowercased text of the token of a key ('' for 0, no token), while the table holds it. */
export function tokenTextOf(key: number): string {
  return key === 0 ? '' : tokenTexts[tokenIdOf(key)]!;
}

/** Adds a token to the table at `record` (an empty slot); returns its token id. */
function addToken(token: string, hash: number, check: number, record: number): number {
  const id = tokenTexts.length;
  tokenTexts.push(token);
  slots[record + SLOT_ID] = tokenKey(id, token);
  slots[record + SLOT_HASH] = hash;
  slots[record + SLOT_CHECK] = check;
  slots[record + SLOT_MARK] = 2 * (contentIdOf(token) + 1);
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

/**
 * Fingerprint steps over lowercased char codes: FNV-1a's, and an independent multiply-xorshift,
 * both from 0 (FNV's usual offset basis buys nothing here, and a zero start lets the fingerprint
 * pass restart a fingerprint with one mask); fingerprint.wat takes the same steps. A const enum,
 * so the values are inlined: a module constant is a context slot that optimized code may re-read,
 * check and convert at every use.
 */
const enum Fingerprint {
  HashPrime = 0x01000193,
  CheckMultiplier = 0x5bd1e995,
}

/**
 * Offset in `slots` of the record of the lowercased token `token` (when null, the ASCII token
 * text[from, to), whose string is built only if it is new), found by fingerprint and added when
 * new. Valid until the next call (adding may rebuild the table).
 */
function recordOf(token: string | null, text: string, from: number, to: number, hash: number, check: number): number {
  let slot = hash & slotMask;
  for (;;) {
    const record = slot * SLOT_SIZE;
    if (slots[record + SLOT_ID] === 0) {
      // Grow first so the new record stays where it is written (the load factor stays under one half).
      if ((tokenTexts.length + 1) * 2 > slotMask + 1) {
        rehash();
        return recordOf(token, text, from, to, hash, check);
      }
      addToken(token ?? text.slice(from, to).toLowerCase(), hash, check, record);
      return record;
    }
    if (slots[record + SLOT_HASH] === hash && slots[record + SLOT_CHECK] === check) return record;
    slot = (slot + 1) & slotMask;
  }
}

/** Record offset of an already-lowercased token string (see recordOf). */
function recordOfString(token: string): number {
  let hash = 0;
  let check = 0;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    hash = Math.imul(hash ^ code, Fingerprint.HashPrime);
    check = Math.imul(check + code, Fingerprint.CheckMultiplier) ^ (check >>> 15);
  }
  return recordOf(token, '', 0, 0, hash, check | 1);
}

/**
 * The UTF-16 code units of text[0, to) in a reused array (the fingerprint pass's memory), valid
 * until the next call. Copying them natively once and reading a typed array beats
 * String#charCodeAt in a per-character loop, which re-dispatches on the string's representation at
 * every character.
 */
export function codeUnitsOf(text: string, to: number): Uint16Array {
  return loadCodeUnits(text, to).codes;
}

/**
 * Content terms of one document, numbered densely from 0 in order of first appearance (a term is
 * a stem id of a content token). Filled by `scanTerms`, sentence after sentence; `terms` and
 * `firstTokens` may be replaced by larger arrays during a scan, so read them after it.
 */
export interface TermScan {
  /** Term numbers of the content tokens scanned, in order, at [0, count). */
  terms: Int32Array;
  count: number;
  /** Word tokens scanned, content or not. */
  words: number;
  /** Number of terms so far. */
  vocabularySize: number;
  /** For each term number, the key of its first token (see tokenIdOf, TokenFact), at [0, vocabularySize). */
  firstTokens: Int32Array;
  /** The document's stamp, set by beginTermScan. */
  stamp: number;
  /** Whether an ASCII capital letter was among the characters scanned. */
  asciiCapital: boolean;
}

/**
 * Starts numbering the terms of a new document into `out`. Resets the tables when they have
 * grown past their limit, so ids never change in the middle of one document.
 */
export function beginTermScan(out: TermScan): void {
  if (tokenTexts.length >= TOKEN_TABLE_LIMIT || stemIds.size >= TOKEN_TABLE_LIMIT || documentStamp >= STAMP_LIMIT) resetTables();
  out.stamp = ++documentStamp;
  out.count = 0;
  out.words = 0;
  out.vocabularySize = 0;
  out.asciiCapital = false;
  stemMarks[0] = out.stamp;
  stemMarks[1] = -1;
}

/** `array` if it has at least `length` entries, else a copy of its first `used` entries in a larger array. */
function withRoom(array: Int32Array, used: number, length: number): Int32Array {
  if (array.length >= length) return array;
  const larger = new Int32Array(Math.max(length, array.length * 2));
  larger.set(array.subarray(0, used));
  return larger;
}

/**
 * Scans the word tokens of text[from, to), reading characters from `codes` (what codeUnitsOf
 * last returned, for this text: the fingerprint pass reads the same memory; `text` is read only to
 * make strings of new tokens), and appends the term numbers of its content tokens to `out`.
 * Returns the key of the first token (0 when none; see tokenTextOf).
 *
 * Three passes per chunk of characters. The first (fingerprint.wat) fingerprints the tokens with
 * the same steps at every character, branch-free: where a token ends is data the branch predictor
 * cannot guess, and a loop that branched there (once per token) spent most of its time on
 * mispredictions. The second looks the tokens up; the third numbers their terms.
 */
export function scanTerms(text: string, codes: Uint16Array, from: number, to: number, out: TermScan): number {
  // A range holds at most one token per two characters: with room for all, the loop never checks.
  const most = (to - from + 1) >> 1;
  let count = out.count;
  let vocabulary = out.vocabularySize;
  const terms = (out.terms = withRoom(out.terms, count, count + most));
  const firstTokens = (out.firstTokens = withRoom(out.firstTokens, vocabulary, vocabulary + most));
  const stamp = out.stamp;
  const { hashes, checks, ends, nonAscii } = fingerprintViews();
  let words = 0;
  let firstKey = 0;
  let capitals = 0; // the chunks' results, or-ed: their ANY_ASCII_CAPITAL bit
  // The table in locals, re-read after a call that may replace it.
  let table = slots;
  let mask = slotMask;
  for (let chunk = from; chunk < to; chunk += CHUNK_CHARS) {
    const chunkEnd = Math.min(to, chunk + CHUNK_CHARS);
    // First pass (WebAssembly): every token's fingerprints, end and non-ASCII flag.
    const flags = (chunk === from ? ChunkFlag.First : 0) | (chunkEnd === to ? ChunkFlag.Last : 0);
    const result = fingerprintChunk(chunk, chunkEnd, flags);
    const n = result & TOKEN_COUNT_MASK;
    const anyNonAscii = (result & ANY_NON_ASCII) !== 0;
    capitals |= result;

    // Second pass: each token's record in the table; its key and stem entry replace its
    // fingerprints. (A pass of its own: its table reads, cache misses mostly, then overlap instead
    // of each waiting behind the previous token's numbering.)
    for (let k = 0; k < n; k++) {
      const tokenHash = hashes[k]!;
      const tokenCheck = checks[k]! | 1; // see SLOT_SIZE
      const foreign = anyNonAscii ? nonAscii[k]! : 0; // 1 for a token with a non-ASCII letter
      // Most tokens are found at their first slot: probe it here (one test for all three conditions).
      let record = (tokenHash & mask) * SLOT_SIZE;
      if (((table[record + SLOT_HASH]! ^ tokenHash) | (table[record + SLOT_CHECK]! ^ tokenCheck) | foreign) !== 0) {
        const end = ends[k]!;
        let start = end;
        while (start > from && isWordCode(codes[start - 1]!)) start--;
        record = foreign === 0 ? recordOf(null, text, start, end, tokenHash, tokenCheck) : recordOfString(text.slice(start, end).toLowerCase());
        table = slots;
        mask = slotMask;
      }
      hashes[k] = table[record + SLOT_ID]!;
      checks[k] = table[record + SLOT_MARK]!;
    }
    if (n > 0 && words === 0) firstKey = hashes[0]!;
    words += n;

    // Third pass: number the tokens' stems, branch-free (whether a stem is new is a coin toss for
    // the predictor): a new stem takes the next number and its first token is kept; a known one
    // keeps its number; a token without content maps to the entry numbered -1.
    const marks = stemMarks; // read after the second pass, which may have replaced it
    for (let k = 0; k < n; k++) {
      const key = hashes[k]!;
      const mark = checks[k]!;
      const seen = marks[mark]! ^ stamp;
      const fresh = (seen | -seen) >>> 31;
      const known = marks[mark + 1]!;
      const term = known ^ ((known ^ vocabulary) & -fresh);
      marks[mark] = stamp;
      marks[mark + 1] = term;
      firstTokens[vocabulary] = key;
      vocabulary += fresh;
      // Branch-free append: a stopword's -1 is written, then overwritten by the next term.
      terms[count] = term;
      count += ~term >>> 31;
    }
    if (anyNonAscii) nonAscii.fill(0, 0, n + 1); // n + 1: the flag of a token still being read is carried by the pass
  }
  out.count = count;
  out.words += words;
  if ((capitals & ANY_ASCII_CAPITAL) !== 0) out.asciiCapital = true;
  out.vocabularySize = vocabulary;
  return firstKey;
}

/** Read-only views of the token table, valid until the next scan or reset. */
export interface TokenTable {
  /** Lowercased text of each token id. */
  readonly texts: readonly string[];
}

/** The current token table (re-read after every scan: its arrays grow). */
export function tokenTable(): TokenTable {
  return { texts: tokenTexts };
}

/**
 * The stem id of a lowercased token, or -1 when the token carries no content (a stopword or
 * junk longer than 40 characters). Ids are stable while the table lives; it is reset when it
 * grows past its limit, so callers must not keep ids across documents.
 */
export function termIdOf(token: string, stopwords: ReadonlySet<string>): number {
  if (stopwords === STOPWORDS) {
    const record = recordOfString(token); // first: it may replace `slots`
    return (slots[record + SLOT_MARK]! >> 1) - 1;
  }
  if (stopwords.has(token) || token.length > MAX_TERM_LENGTH) return -1;
  return stemIdOf(stem(token));
}
