/**
 * Sentence splitting for news text: a single left-to-right scan per paragraph (no backtracking
 * regexes), aware of abbreviations, initials, decimals, quotations and glued sentences
 * (`gift.While`). Works on lowercase and ALL-CAPS text because every decision is case-insensitive
 * except the glued-sentence rule, which needs an uppercase letter to see a boundary at all.
 */

/** Titles before a name: a period after them never ends a sentence. */
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'sgt', 'capt', 'cpl',
  'pvt', 'st', 'rev', 'hon', 'pres', 'supt', 'det', 'insp', 'cmdr', 'adm', 'maj', 'brig', 'fr',
  'messrs', 'mme', 'mlle', 'atty', 'gens', 'sens', 'reps', 'ft', 'mt', 'rt', 'vs', 'cf', 'approx',
  'e.g', 'i.e', 'eg', 'ie', 'viz', 'al', 'fig', 'figs', 'dept', 'univ', 'assn', 'bros', 'ave', 'blvd',
]);

/** Abbreviations that may also end a sentence: they end one only when a typical sentence opener follows. */
const MAY_END = new Set([
  'inc', 'ltd', 'co', 'corp', 'plc', 'llc', 'jr', 'sr', 'etc', 'jan', 'feb', 'mar', 'apr', 'jun',
  'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'tues', 'wed', 'thu', 'thurs',
  'fri', 'sat', 'sun', 'no', 'nos', 'vol', 'pp', 'est', 'ariz', 'calif', 'colo', 'conn', 'fla',
  'ill', 'ind', 'kan', 'mass', 'mich', 'minn', 'miss', 'nev', 'okla', 'ore', 'penn', 'tenn', 'tex',
  'va', 'wash', 'wis', 'ky', 'la', 'md', 'mo', 'pa', 'del', 'ga', 'ala', 'ark',
]);

/** Words that usually open a sentence; after an ambiguous abbreviation they signal a boundary. */
const OPENERS = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'but', 'these', 'those', 'there',
  'his', 'her', 'their', 'its', 'our', 'my', 'if', 'when', 'while', 'however', 'meanwhile', 'so',
  'yet', 'then', 'now', 'what', 'why', 'how', 'who', 'although', 'though', 'mr', 'mrs', 'ms',
]);

const enum Char {
  Tab = 9,
  Newline = 10,
  CarriageReturn = 13,
  Space = 32,
  DoubleQuote = 34,
  SingleQuote = 39,
  OpenParen = 40,
  CloseParen = 41,
  Period = 46,
  Digit0 = 48,
  Digit9 = 57,
  Question = 63,
  UpperA = 65,
  UpperZ = 90,
  OpenBracket = 91,
  CloseBracket = 93,
  LowerA = 97,
  LowerZ = 122,
  OpenBrace = 123,
  CloseBrace = 125,
  Exclamation = 33,
  Nbsp = 0xa0,
  RightSingleQuote = 0x2019,
  LeftDoubleQuote = 0x201c,
  RightDoubleQuote = 0x201d,
  Ellipsis = 0x2026,
}

function isSpace(code: number): boolean {
  return code === Char.Space || code === Char.Tab || code === Char.CarriageReturn || code === Char.Nbsp
    || code === 0x2028 || code === 0x2029 || code === 0x200b || (code >= 0x2000 && code <= 0x200a) || code === 0x3000;
}

function isTerminator(code: number): boolean {
  return code === Char.Period || code === Char.Question || code === Char.Exclamation || code === Char.Ellipsis
    || code === 0x3002 || code === 0xff01 || code === 0xff1f;
}

function isClosing(code: number): boolean {
  return code === Char.DoubleQuote || code === Char.RightDoubleQuote || code === Char.SingleQuote
    || code === Char.RightSingleQuote || code === Char.CloseParen || code === Char.CloseBracket || code === Char.CloseBrace;
}

function isUpper(code: number): boolean {
  return code >= Char.UpperA && code <= Char.UpperZ;
}

function isLower(code: number): boolean {
  return code >= Char.LowerA && code <= Char.LowerZ;
}

function isDoubleQuote(code: number): boolean {
  return code === Char.DoubleQuote || code === Char.LeftDoubleQuote || code === Char.RightDoubleQuote;
}

/**
 * Marks the characters strictly inside double quotations of one paragraph. Straight quotes are
 * paired by their look (an opener follows a space, a closer precedes one); an opener that never
 * closes (news style for a quote running into the next paragraph) protects nothing.
 */
function quotedMask(text: string, start: number, end: number): Uint8Array | null {
  let openAt = -1;
  let mask: Uint8Array | null = null;
  for (let p = start; p < end; p++) {
    const code = text.charCodeAt(p);
    if (!isDoubleQuote(code)) continue;
    const before = p > start ? text.charCodeAt(p - 1) : Char.Space;
    const after = p + 1 < end ? text.charCodeAt(p + 1) : Char.Space;
    const spaceBefore = isSpace(before) || before === Char.OpenParen || before === Char.OpenBracket || before === 0x2014;
    const spaceAfter = isSpace(after) || after === Char.CloseParen || (isTerminator(after) && after !== Char.Ellipsis) || after === 44 || after === 59 || after === 58;
    const looksOpening = code === Char.LeftDoubleQuote || (code === Char.DoubleQuote && spaceBefore && !spaceAfter);
    const looksClosing = code === Char.RightDoubleQuote || (code === Char.DoubleQuote && !spaceBefore);
    if (openAt < 0) {
      if (!looksClosing || looksOpening) openAt = p;
    } else if (looksClosing && !looksOpening) {
      mask ??= new Uint8Array(end - start);
      mask.fill(1, openAt + 1 - start, p - start);
      openAt = -1;
    } else if (looksOpening) {
      openAt = p; // the earlier opener never closed
    } else {
      mask ??= new Uint8Array(end - start);
      mask.fill(1, openAt + 1 - start, p - start);
      openAt = -1;
    }
  }
  return mask;
}

/** The word just before position `p` (exclusive), lowercased, without leading brackets/quotes. At most 40 chars back. */
function wordBefore(text: string, start: number, p: number): string {
  let q = p;
  const limit = Math.max(start, p - 40);
  while (q > limit && !isSpace(text.charCodeAt(q - 1))) q--;
  while (q < p) {
    const code = text.charCodeAt(q);
    if (code === Char.OpenParen || code === Char.OpenBracket || isDoubleQuote(code) || code === Char.SingleQuote || code === 0x2018) q++;
    else break;
  }
  return text.slice(q, p).toLowerCase();
}

/** The word starting at position `p`, lowercased (letters and apostrophes only), at most 20 chars. */
function wordAt(text: string, p: number, end: number): string {
  let q = p;
  while (q < end && isDoubleQuote(text.charCodeAt(q))) q++;
  const from = q;
  while (q < end && q - from < 20) {
    const code = text.charCodeAt(q) | 0x20;
    if (code >= Char.LowerA && code <= Char.LowerZ) q++;
    else break;
  }
  return text.slice(from, q).toLowerCase();
}

/** An acronym written with periods, like `u.s` or `a.m` (the final period excluded). */
function isDottedAcronym(word: string): boolean {
  if (word.length < 3) return false;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    const letter = isLower(code) || isUpper(code);
    if (i % 2 === 0 ? !letter : code !== Char.Period) return false;
  }
  return word.length % 2 === 1;
}

/** Whether a single period after `word` ends the sentence, given the word that follows. */
function periodEndsSentence(word: string, nextWord: string): boolean {
  if (word === '') return true;
  if (TITLES.has(word)) return false;
  const opensNext = OPENERS.has(nextWord);
  if (word.length === 1) {
    const code = word.charCodeAt(0);
    if (isLower(code) || isUpper(code)) return opensNext && nextWord !== 'a' && nextWord !== 'i'; // initials
    return true;
  }
  if (isDottedAcronym(word) || MAY_END.has(word)) return opensNext;
  return true;
}

/** Appends the sentences of text[start, end) to `out`. */
function splitParagraph(text: string, start: number, end: number, out: string[]): void {
  // A huge paragraph is split in windows so the quote mask stays small; windows end at whitespace.
  const window = 200_000;
  while (end - start > window) {
    let cut = start + window;
    while (cut < end && !isSpace(text.charCodeAt(cut))) cut++;
    splitWindow(text, start, cut, out);
    start = cut;
  }
  splitWindow(text, start, end, out);
}

function splitWindow(text: string, start: number, end: number, out: string[]): void {
  const quoted = quotedMask(text, start, end);
  let sentenceStart = start;
  const push = (to: number): void => {
    const sentence = text.slice(sentenceStart, to).trim();
    if (sentence !== '') out.push(sentence);
  };
  for (let p = start; p < end; p++) {
    const code = text.charCodeAt(p);
    if (!isTerminator(code)) continue;
    // The run of terminators and closing marks that ends here.
    let e = p + 1;
    let strong = code !== Char.Period;
    let periods = code === Char.Period ? 1 : 0;
    while (e < end && isTerminator(text.charCodeAt(e))) {
      const c = text.charCodeAt(e);
      if (c === Char.Period) periods++;
      else strong = true;
      e++;
    }
    let closedQuote = false;
    while (e < end && isClosing(text.charCodeAt(e))) {
      if (isDoubleQuote(text.charCodeAt(e))) closedQuote = true;
      e++;
    }
    if (quoted !== null && quoted[e - 1 - start] === 1) { p = e - 1; continue; } // inside a quotation
    if (e >= end) break;
    const next = text.charCodeAt(e);
    if (!isSpace(next)) {
      // Glued sentences: "gift.While" (lowercase letter, terminator, Capital + lowercase).
      const prev = p > start ? text.charCodeAt(p - 1) : 0;
      const after = e + 1 < end ? text.charCodeAt(e + 1) : 0;
      if (isLower(prev) && isUpper(next) && isLower(after) && periods <= 1) {
        const word = wordBefore(text, start, p);
        if (word.length >= 2 && !word.includes('.') && !TITLES.has(word) && !MAY_END.has(word)) {
          push(e);
          sentenceStart = e;
        }
      }
      p = e - 1;
      continue;
    }
    let n = e;
    while (n < end && isSpace(text.charCodeAt(n))) n++;
    if (n >= end) break;
    const nextWord = wordAt(text, n, end);
    let boundary: boolean;
    if (strong) {
      // '"Why?" he asked' continues the sentence.
      boundary = !(closedQuote && isLower(text.charCodeAt(n)));
    } else if (periods > 1 || code === Char.Ellipsis) {
      boundary = true;
    } else {
      boundary = periodEndsSentence(wordBefore(text, start, p), nextWord);
    }
    if (boundary) {
      push(e);
      sentenceStart = n;
    }
    p = n - 1;
  }
  push(end);
}

/** The verbatim sentences of `text`, in order; paragraphs are split on "\n" first. */
export function splitSentences(text: string): string[] {
  return splitLeadingSentences(text, Infinity).sentences;
}

/**
 * The first sentences of `text`, stopping after the paragraph in which `limit` is reached, and
 * the offset where splitting stopped (text.length when it ran to the end). Lets callers bound work
 * on huge inputs.
 */
export function splitLeadingSentences(text: string, limit: number): { sentences: string[]; end: number } {
  const out: string[] = [];
  let start = 0;
  const length = text.length;
  let consumed = 0;
  while (start <= length && out.length < limit) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = length;
    // At most ~2,000 characters per missing sentence of a paragraph are read.
    const stop = Math.min(end, start + Math.max(1, limit - out.length) * 2_000);
    if (stop > start) splitParagraph(text, start, stop, out);
    consumed = stop;
    if (stop < end) break;
    start = end + 1;
  }
  return { sentences: out.length > limit ? out.slice(0, limit) : out, end: consumed };
}
