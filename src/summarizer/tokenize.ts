import { stemmer } from 'stemmer';

/**
 * Word tokens for ranking: runs of letters/digits, lowercased. One pass over the characters;
 * ASCII takes a table-free fast path, other scripts use a single-code-point Unicode test.
 */
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

export function isWordCode(code: number): boolean {
  if (code < 128) {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  }
  if (code >= 0xd800 && code <= 0xdfff) return false; // surrogate halves (emoji, rare scripts): not words
  return LETTER_OR_DIGIT.test(String.fromCharCode(code));
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

/** Number of word tokens in `text` (no token strings are built). */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let p = 0; p < text.length; p++) {
    const word = isWordCode(text.charCodeAt(p));
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

/** Global term table: lowercased token -> stem id (-1 for stopwords), so each distinct token is looked up once. */
const termOfToken = new Map<string, number>();
const stemIds = new Map<string, number>();
/** Changes whenever the table is reset (ids handed out before then mean nothing after). */
export let termTableEpoch = 0;

/**
 * The stem id of a lowercased token, or -1 when the token carries no content (a stopword or
 * junk longer than 40 characters). Ids are stable while the table lives; it is reset when it
 * grows past its limit, so callers must not keep ids across documents.
 */
export function termIdOf(token: string, stopwords: ReadonlySet<string>): number {
  const known = termOfToken.get(token);
  if (known !== undefined) return known;
  if (termOfToken.size >= STEM_CACHE_LIMIT) {
    termOfToken.clear();
    stemIds.clear();
    termTableEpoch++;
  }
  let id = -1;
  if (!stopwords.has(token) && token.length <= 40) {
    const key = stem(token);
    id = stemIds.get(key) ?? stemIds.size;
    if (id === stemIds.size) stemIds.set(key, id);
  }
  termOfToken.set(token, id);
  return id;
}

/** Number of stem ids handed out so far (an upper bound for ids). */
export function termIdBound(): number {
  return stemIds.size;
}
