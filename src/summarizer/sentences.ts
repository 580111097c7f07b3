/**
 * Sentence splitting for news text: a single left-to-right scan per paragraph (no backtracking
 * regexes), aware of abbreviations, initials, decimals, quotations and glued sentences
 * (`gift.While`). Works on lowercase and ALL-CAPS text because every decision is case-insensitive
 * except the glued-sentence rule, which needs an uppercase letter to see a boundary at all.
 */

import { isWhitespaceCode } from './chars.ts';
import { CodeUnitCopier, firstWideCharacter, nextCodeUnit } from './code-units.ts';

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
  if (code > Char.Space && code < Char.Nbsp) return false; // printable ASCII: the common case
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
 * Finds the stretches strictly inside double quotations of one paragraph, as [from, to) pairs in
 * `quotedRanges` (ascending, disjoint). Straight quotes are paired by their look (an opener
 * follows a space, a closer precedes one); an opener that never closes (news style for a quote
 * running into the next paragraph) protects nothing.
 */
const quotedRanges: number[] = [];

/**
 * Finds the next of a set of characters in a text. Each character is searched on its own with
 * String#indexOf (a native scan with little overhead per call: most calls of a split are for
 * periods, and a non-Latin-1 character is not searched at all in a one-byte string), except the
 * `rare` ones, which share one search of their own (see CurlyQuoteSearch): indexOf is slow for a
 * character whose higher byte is common (the curly quotes' 0x20) in two-byte text. Each part's
 * next match is remembered, so scanning paragraph after paragraph never re-reads the stretch up to
 * a far-away match: total work stays linear. The first character is the common one: the nearest
 * match of all the others is remembered too, so a call usually searches the first one only.
 */
interface CharSearch {
  readonly first: string;
  readonly others: readonly string[];
  readonly rare: RareSearch | null;
  /** Next match at or after `from` of `first`: -1 when none, -2 when not searched yet. */
  firstAt: number;
  /** Next match at or after `from` of each of the others, then of `rare` (-1 when none, -2 when not searched yet). */
  readonly found: number[];
  /** The nearest of `found` (-1 when none, -2 when not searched yet). */
  othersAt: number;
  text: string;
  from: number;
}

function charSearch(chars: string, rare: RareSearch | null): CharSearch {
  const others = [...chars.slice(1)];
  return { first: chars[0]!, others, rare, firstAt: -2, found: new Array<number>(others.length + 1).fill(-2), othersAt: -2, text: '', from: 0 };
}

/** A search for a few rare characters: the position of the next one in text[from...], or -1. */
interface RareSearch {
  next(text: string, from: number): number;
  /** Forgets the last text (so it is not kept alive). */
  release(): void;
}

/** Code units of no text. */
const NO_UNITS = Buffer.alloc(0);
/** Curly double quotes, for a text too long to copy. */
const LONG_TEXT_CURLY_QUOTE = /[\u201c\u201d]/g;

/**
 * Finds curly double quotes (U+201C, U+201D) by byte searches over the text's code units from its
 * first character past Latin-1 on (see code-units.ts). Each quote's next hit is remembered, so the
 * text is read once in all.
 */
class CurlyQuoteSearch implements RareSearch {
  #text = '';
  /** Text offset of units[0]; -1 when the text has no character past Latin-1. */
  #unitsFrom = -1;
  readonly #copier = new CodeUnitCopier();
  /** Code units of text[unitsFrom...]; null for a text too long to copy (searched by regex). */
  #units: Buffer | null = NO_UNITS;
  /**
   * Byte offset of the next U+201C, then U+201D, in units at or after `#byte` (-1 none, -2 not
   * searched).
   */
  #openAt = -2;
  #closeAt = -2;
  #byte = 0;

  next(text: string, from: number): number {
    if (text !== this.#text) this.#load(text);
    if (this.#unitsFrom < 0) return -1;
    const units = this.#units;
    if (units === null) {
      LONG_TEXT_CURLY_QUOTE.lastIndex = from;
      return LONG_TEXT_CURLY_QUOTE.test(text) ? LONG_TEXT_CURLY_QUOTE.lastIndex - 1 : -1;
    }
    const byte = 2 * Math.max(0, from - this.#unitsFrom);
    if (byte < this.#byte) {
      // Searching backwards: hits before the last search's start were never looked for.
      this.#openAt = -2;
      this.#closeAt = -2;
    }
    this.#byte = byte;
    if (this.#openAt === -2 || (this.#openAt >= 0 && this.#openAt < byte)) this.#openAt = nextCodeUnit(units, 0x201c, byte);
    if (this.#closeAt === -2 || (this.#closeAt >= 0 && this.#closeAt < byte)) this.#closeAt = nextCodeUnit(units, 0x201d, byte);
    const open = this.#openAt;
    const close = this.#closeAt;
    const at = open < 0 ? close : close < 0 ? open : Math.min(open, close);
    return at < 0 ? -1 : this.#unitsFrom + (at >> 1);
  }

  release(): void {
    this.#text = '';
    this.#unitsFrom = -1; // the empty text has no quote
    this.#units = NO_UNITS;
  }

  #load(text: string): void {
    this.#text = text;
    this.#openAt = -2;
    this.#closeAt = -2;
    this.#byte = 0;
    this.#unitsFrom = firstWideCharacter(text);
    if (this.#unitsFrom >= 0) this.#units = this.#copier.copy(text, this.#unitsFrom);
  }
}

/** Whether a remembered match position must be searched again for a search from `from`. */
function stale(at: number, from: number): boolean {
  return at === -2 || (at >= 0 && at < from);
}

/** Position of the next match in text[from, end), or -1. */
function nextMatch(search: CharSearch, text: string, from: number, end: number): number {
  if (search.text !== text || from < search.from) {
    search.firstAt = -2;
    // A loop, not Array#fill: a builtin call costs more than the few stores.
    for (let k = 0; k < search.found.length; k++) search.found[k] = -2;
    search.othersAt = -2;
    search.text = text;
  }
  search.from = from;
  let next = search.firstAt;
  if (stale(next, from)) next = search.firstAt = text.indexOf(search.first, from);
  let others = search.othersAt;
  if (stale(others, from)) others = search.othersAt = nextOther(search, text, from);
  if (others >= 0 && (next < 0 || others < next)) next = others;
  return next >= 0 && next < end ? next : -1;
}

/** The nearest next match at or after `from` of all but the first character, or -1. */
function nextOther(search: CharSearch, text: string, from: number): number {
  const { others, found } = search;
  let next = -1;
  for (let k = 0; k <= others.length; k++) {
    let at = found[k]!;
    if (stale(at, from)) {
      at = k < others.length ? text.indexOf(others[k]!, from) : search.rare?.next(text, from) ?? -1;
      found[k] = at;
    }
    if (at >= 0 && (next < 0 || at < next)) next = at;
  }
  return next;
}

/** Double quote marks, straight or curly. */
const curlyQuotes = new CurlyQuoteSearch();
const doubleQuotes = charSearch('"', curlyQuotes);
/**
 * Sentence-ending marks (as isTerminator). The non-ASCII ones by indexOf too: a text rarely holds
 * them, so each is usually searched once, to its end, which costs less than a regex pass.
 */
const terminators = charSearch('.?!\u2026\u3002\uff01\uff1f', null);

function findQuotedRanges(text: string, start: number, end: number): void {
  quotedRanges.length = 0;
  let openAt = -1;
  for (let p = nextMatch(doubleQuotes, text, start, end); p >= 0; p = nextMatch(doubleQuotes, text, p + 1, end)) {
    const code = text.charCodeAt(p);
    const before = p > start ? text.charCodeAt(p - 1) : Char.Space;
    const after = p + 1 < end ? text.charCodeAt(p + 1) : Char.Space;
    const spaceBefore = isSpace(before) || before === Char.OpenParen || before === Char.OpenBracket || before === 0x2014;
    const spaceAfter = isSpace(after) || after === Char.CloseParen || (isTerminator(after) && after !== Char.Ellipsis) || after === 44 || after === 59 || after === 58;
    const looksOpening = code === Char.LeftDoubleQuote || (code === Char.DoubleQuote && spaceBefore && !spaceAfter);
    const looksClosing = code === Char.RightDoubleQuote || (code === Char.DoubleQuote && !spaceBefore);
    if (openAt < 0) {
      if (!looksClosing || looksOpening) openAt = p;
    } else if (looksOpening) {
      openAt = p; // the earlier opener never closed
    } else {
      quotedRanges.push(openAt + 1, p);
      openAt = -1;
    }
  }
}

/** Start of the word just before position `p` (exclusive), past leading brackets/quotes. At most 40 chars back. */
function wordStartBefore(text: string, start: number, p: number): number {
  let q = p;
  const limit = Math.max(start, p - 40);
  while (q > limit && !isSpace(text.charCodeAt(q - 1))) q--;
  while (q < p) {
    const code = text.charCodeAt(q);
    if (code === Char.OpenParen || code === Char.OpenBracket || isDoubleQuote(code) || code === Char.SingleQuote || code === 0x2018) q++;
    else break;
  }
  return q;
}

/** The word just before position `p` (exclusive), lowercased, without leading brackets/quotes. At most 40 chars back. */
function wordBefore(text: string, start: number, p: number): string {
  return text.slice(wordStartBefore(text, start, p), p).toLowerCase();
}

/** Longest entry of TITLES and MAY_END: a longer word without periods is never an abbreviation. */
const LONGEST_ABBREVIATION = Math.max(...[...TITLES, ...MAY_END].map((word) => word.length));

/**
 * Shapes (length, first letter, last letter) of every abbreviation without inner periods: a plain
 * ASCII word of another shape is no abbreviation, so its period ends the sentence with no string built.
 */
const ABBREVIATION_SHAPES = new Uint8Array((LONGEST_ABBREVIATION + 1) * 26 * 26);
for (const word of [...TITLES, ...MAY_END]) {
  if (word.includes('.')) continue;
  ABBREVIATION_SHAPES[abbreviationShape(word.length, word.charCodeAt(0), word.charCodeAt(word.length - 1))] = 1;
}

/**
 * The last two letters, and the last three, of every abbreviation (where they are letters), as
 * indexes of ABBREVIATION_TAILS: a word ending in letters that end no abbreviation is none, so a
 * period after it ends the sentence. That decides most periods from the two or three characters
 * before them, without looking for the word's start.
 */
const ABBREVIATION_TAILS = new Uint8Array(26 * 26 * 27);
for (const word of [...TITLES, ...MAY_END]) {
  const length = word.length;
  const last = word.charCodeAt(length - 1);
  const second = word.charCodeAt(length - 2);
  if (!isLower(last) || !isLower(second)) continue;
  ABBREVIATION_TAILS[letterTail(-1, second, last)] = 1;
  if (length >= 3 && isLower(word.charCodeAt(length - 3))) ABBREVIATION_TAILS[letterTail(word.charCodeAt(length - 3), second, last)] = 1;
}

/** Index in ABBREVIATION_TAILS of the letters `third`, `second`, `last` (lowercase; `third` -1 for a two-letter tail). */
function letterTail(third: number, second: number, last: number): number {
  return ((third < 0 ? 26 : third - Char.LowerA) * 26 + (second - Char.LowerA)) * 26 + (last - Char.LowerA);
}

/** Whether a period at `p` follows a word that ends in letters no abbreviation ends with (so it ends the sentence). */
function followsPlainWord(text: string, start: number, p: number): boolean {
  if (p - 2 < start) return false;
  const last = text.charCodeAt(p - 1);
  const second = text.charCodeAt(p - 2);
  if (!isLetterCode(last) || !isLetterCode(second)) return false;
  if (ABBREVIATION_TAILS[letterTail(-1, second | 0x20, last | 0x20)] === 0) return true;
  if (p - 3 < start) return false;
  const third = text.charCodeAt(p - 3);
  return isLetterCode(third) && ABBREVIATION_TAILS[letterTail(third | 0x20, second | 0x20, last | 0x20)] === 0;
}

/** Index of a shape in ABBREVIATION_SHAPES (codes are lowercase ASCII letters). */
function abbreviationShape(length: number, first: number, last: number): number {
  return (length * 26 + (first - Char.LowerA)) * 26 + (last - Char.LowerA);
}

/**
 * Whether the single period at `p` ends the sentence, `n` being where the next word starts. Most
 * periods follow an ordinary word: those are decided without building any string.
 */
function periodBoundary(text: string, start: number, p: number, n: number, end: number): boolean {
  if (followsPlainWord(text, start, p)) return true;
  const q = wordStartBefore(text, start, p);
  const length = p - q;
  if (length > LONGEST_ABBREVIATION) {
    let dotted = false;
    for (let k = q; k < p && !dotted; k++) dotted = text.charCodeAt(k) === Char.Period;
    if (!dotted) return true;
  } else if (length >= 2) {
    let plain = true;
    for (let k = q; k < p && plain; k++) {
      const code = text.charCodeAt(k);
      plain = code < 128 && code !== Char.Period;
    }
    if (plain) {
      const first = text.charCodeAt(q) | 0x20;
      const last = text.charCodeAt(p - 1) | 0x20;
      const letters = isLower(first) && isLower(last) && isLetterCode(text.charCodeAt(q)) && isLetterCode(text.charCodeAt(p - 1));
      if (!letters || ABBREVIATION_SHAPES[abbreviationShape(length, first, last)] === 0) return true;
    }
  }
  return periodEndsSentence(text.slice(q, p).toLowerCase(), wordAt(text, n, end));
}

function isLetterCode(code: number): boolean {
  return isLower(code) || isUpper(code);
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

/** Sentence spans found so far: [starts[k], ends[k]) of the text, already trimmed. */
interface Spans {
  readonly starts: number[];
  readonly ends: number[];
}

/** Records text[from, to) trimmed as a sentence, unless it is empty. */
function pushSpan(text: string, from: number, to: number, out: Spans): void {
  while (from < to && isWhitespaceCode(text.charCodeAt(from))) from++;
  while (to > from && isWhitespaceCode(text.charCodeAt(to - 1))) to--;
  if (to > from) {
    out.starts.push(from);
    out.ends.push(to);
  }
}

/** Appends the sentences of text[start, end) to `out`. */
function splitParagraph(text: string, start: number, end: number, out: Spans): void {
  // A huge paragraph is split in windows so the quote ranges stay few; windows end at whitespace.
  const window = 200_000;
  while (end - start > window) {
    let cut = start + window;
    while (cut < end && !isSpace(text.charCodeAt(cut))) cut++;
    splitWindow(text, start, cut, out);
    start = cut;
  }
  splitWindow(text, start, end, out);
}

function splitWindow(text: string, start: number, end: number, out: Spans): void {
  findQuotedRanges(text, start, end);
  let nextRange = 0; // quoted ranges before this one end before the current position
  let sentenceStart = start;
  for (let p = nextMatch(terminators, text, start, end); p >= 0; p = nextMatch(terminators, text, p + 1, end)) {
    const code = text.charCodeAt(p);
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
    // Inside a quotation: the last mark of the run lies strictly within a quoted stretch.
    const last = e - 1;
    while (nextRange < quotedRanges.length && quotedRanges[nextRange + 1]! <= last) nextRange += 2;
    if (nextRange < quotedRanges.length && quotedRanges[nextRange]! <= last) { p = e - 1; continue; }
    if (e >= end) break;
    const next = text.charCodeAt(e);
    if (!isSpace(next)) {
      // Glued sentences: "gift.While" (lowercase letter, terminator, Capital + lowercase).
      const prev = p > start ? text.charCodeAt(p - 1) : 0;
      const after = e + 1 < end ? text.charCodeAt(e + 1) : 0;
      if (isLower(prev) && isUpper(next) && isLower(after) && periods <= 1) {
        const word = wordBefore(text, start, p);
        if (word.length >= 2 && !word.includes('.') && !TITLES.has(word) && !MAY_END.has(word)) {
          pushSpan(text, sentenceStart, e, out);
          sentenceStart = e;
        }
      }
      p = e - 1;
      continue;
    }
    let n = e;
    while (n < end && isSpace(text.charCodeAt(n))) n++;
    if (n >= end) break;
    let boundary: boolean;
    if (strong) {
      // '"Why?" he asked' continues the sentence.
      boundary = !(closedQuote && isLower(text.charCodeAt(n)));
    } else if (periods > 1 || code === Char.Ellipsis) {
      boundary = true;
    } else {
      boundary = periodBoundary(text, start, p, n, end);
    }
    if (boundary) {
      pushSpan(text, sentenceStart, e, out);
      sentenceStart = n;
    }
    p = n - 1;
  }
  pushSpan(text, sentenceStart, end, out);
}

/** The verbatim sentences of `text`, in order; paragraphs are split on "\n" first. */
export function splitSentences(text: string): string[] {
  return splitLeadingSentences(text, Infinity).sentences;
}

/** Sentence offsets in a text: sentence k is text.slice(starts[k], ends[k]). */
export interface SentenceSpans {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  /** Offset where splitting stopped (text.length when it ran to the end). */
  readonly end: number;
}

/**
 * Offsets of the first sentences of `text`, stopping after the paragraph in which `limit` is
 * reached (at most `limit` sentences). Lets callers bound work on huge inputs and read the
 * sentences in place.
 */
export function sentenceSpans(text: string, limit: number): SentenceSpans {
  const out: Spans = { starts: [], ends: [] };
  let start = 0;
  const length = text.length;
  let consumed = 0;
  while (start <= length && out.starts.length < limit) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = length;
    // At most ~2,000 characters per missing sentence of a paragraph are read.
    const stop = Math.min(end, start + Math.max(1, limit - out.starts.length) * 2_000);
    if (stop > start) splitParagraph(text, start, stop, out);
    consumed = stop;
    if (stop < end) break;
    start = end + 1;
  }
  doubleQuotes.text = ''; // do not keep the text alive
  curlyQuotes.release();
  terminators.text = '';
  if (out.starts.length > limit) {
    out.starts.length = limit;
    out.ends.length = limit;
  }
  return { starts: out.starts, ends: out.ends, end: consumed };
}

/**
 * The first sentences of `text`, stopping after the paragraph in which `limit` is reached, and
 * the offset where splitting stopped (text.length when it ran to the end). Lets callers bound work
 * on huge inputs.
 */
export function splitLeadingSentences(text: string, limit: number): { sentences: string[]; end: number } {
  const { starts, ends, end } = sentenceSpans(text, limit);
  const sentences = new Array<string>(starts.length);
  for (let k = 0; k < starts.length; k++) sentences[k] = text.slice(starts[k], ends[k]);
  return { sentences, end };
}
