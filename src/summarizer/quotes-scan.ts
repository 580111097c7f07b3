/**
 * Finds spans of text between double quotation marks: straight, curly and guillemets, paired within
 * a paragraph, with the news convention that an unclosed quote continues into the next paragraph
 * when that paragraph reopens with a quote mark. One linear pass; no regular-expression backtracking.
 */

import { CodeUnitCopier, firstWideCharacter, nextCodeUnit } from './code-units.ts';

/** A half-open character range [start, end) into the scanned text. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export interface QuoteSpan {
  /** Inner text range (without marks, whitespace trimmed) from the first part's start to the last part's end. */
  readonly start: number;
  readonly end: number;
  /** Offset of the opening mark of the first part. */
  readonly openMark: number;
  /** Offset of the closing mark of the last part, or of the paragraph end when it was never closed. */
  readonly closeMark: number;
  /** True when the last part ended with a closing mark (not at a paragraph end). */
  readonly closed: boolean;
  /** One trimmed inner range per paragraph the quotation spans (a single entry for most quotes). */
  readonly parts: readonly TextRange[];
}

type MarkRole = 'open' | 'close' | 'either';

/** Codes of the opening glyphs “ „ « and the closing glyphs ” ». */
function isOpeningGlyph(c: number): boolean {
  return c === 0x201c || c === 0x201e || c === 0xab;
}

function isClosingGlyph(c: number): boolean {
  return c === 0x201d || c === 0xbb;
}

/** Characters after which a quote mark is taken to open a quotation: ( [ { — – - / … */
function opensAfter(c: number): boolean {
  return c === 40 || c === 91 || c === 123 || c === 0x2014 || c === 0x2013 || c === 45 || c === 47 || c === 0x2026;
}

/** Characters before which a quote mark is taken to close a quotation: . , ; : ! ? ) ] } — – - … ' ’ */
function closesBefore(c: number): boolean {
  return c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 41 || c === 93 || c === 125
    || c === 0x2014 || c === 0x2013 || c === 45 || c === 0x2026 || c === 39 || c === 0x2019;
}

const QUOTE_MARK = /["“”„«»]/g;
const CURLY_MARK = /[“”„]/;
const curlyMarkCopier = new CodeUnitCopier();

/** Whether the text has a curly quote mark (“ ” „), found by byte searches (see code-units.ts). */
function hasCurlyMark(text: string): boolean {
  const wide = firstWideCharacter(text);
  if (wide < 0) return false;
  const units = curlyMarkCopier.copy(text, wide);
  if (units === null) return CURLY_MARK.test(text);
  return nextCodeUnit(units, 0x201c, 0) >= 0 || nextCodeUnit(units, 0x201d, 0) >= 0 || nextCodeUnit(units, 0x201e, 0) >= 0;
}

/**
 * Offsets of every quote mark, ascending. Most texts hold straight marks only: `indexOf` finds those
 * far faster than a regex pass.
 */
function quoteMarkOffsets(text: string): number[] {
  const offsets: number[] = [];
  if (text.indexOf('«') < 0 && text.indexOf('»') < 0 && !hasCurlyMark(text)) {
    for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) offsets.push(i);
    return offsets;
  }
  QUOTE_MARK.lastIndex = 0;
  while (QUOTE_MARK.test(text)) offsets.push(QUOTE_MARK.lastIndex - 1);
  return offsets;
}

function isQuoteMark(c: number): boolean {
  return c === 34 || isOpeningGlyph(c) || isClosingGlyph(c);
}

/** Stands for the missing neighbour of a mark at a line's edge. */
const NO_CHARACTER = -1;

/** Space, tab, CR, LF or no-break space; NO_CHARACTER (a line's edge) counts as space. */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 0xa0 || c === NO_CHARACTER;
}

/** Decides from the neighbours whether a mark opens or closes; the glyph only breaks ties. */
function markRole(text: string, at: number, lineStart: number, lineEnd: number): MarkRole {
  const before = at > lineStart ? text.charCodeAt(at - 1) : NO_CHARACTER;
  const after = at + 1 < lineEnd ? text.charCodeAt(at + 1) : NO_CHARACTER;
  const openSide = isSpace(before) || opensAfter(before) || isQuoteMark(before);
  const closeSide = isSpace(after) || closesBefore(after) || isQuoteMark(after);
  if (openSide && !closeSide) return 'open';
  if (closeSide && !openSide) return 'close';
  const c = text.charCodeAt(at);
  if (isOpeningGlyph(c)) return 'open';
  if (isClosingGlyph(c)) return 'close';
  return 'either';
}

function trimmedRange(text: string, start: number, end: number): TextRange {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  return { start: s, end: e };
}

interface Segment {
  readonly openMark: number;
  readonly closeMark: number;
  readonly closed: boolean;
  readonly inner: TextRange;
  /** Offset of the paragraph end (for continuation checks). */
  readonly lineEnd: number;
}

/** Pairs the quote marks of one paragraph (a line), left to right; `marks` are the line's mark offsets. */
function scanLine(text: string, lineStart: number, lineEnd: number, marks: readonly number[], out: Segment[]): void {
  let openAt = -1;
  for (const i of marks) {
    const role = markRole(text, i, lineStart, lineEnd);
    if (openAt < 0) {
      if (role !== 'close') openAt = i;
      continue;
    }
    if (role === 'open') {
      // A new opening before any close: the earlier quote was left unclosed; end it here.
      out.push({ openMark: openAt, closeMark: i, closed: false, inner: trimmedRange(text, openAt + 1, i), lineEnd });
      openAt = i;
      continue;
    }
    out.push({ openMark: openAt, closeMark: i, closed: true, inner: trimmedRange(text, openAt + 1, i), lineEnd });
    openAt = -1;
  }
  if (openAt >= 0) {
    out.push({ openMark: openAt, closeMark: lineEnd, closed: false, inner: trimmedRange(text, openAt + 1, lineEnd), lineEnd });
  }
}

/** Offset of the first non-space character at or after `from` that is on a following line, or -1. */
function nextParagraphStart(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i < text.length ? i : -1;
}

/** Every quoted span in document order. Never throws; O(n). */
export function scanQuoteSpans(text: string): QuoteSpan[] {
  const segments: Segment[] = [];
  // One pass over the marks; each line with marks is paired on its own.
  let lineMarks: number[] = [];
  let lineStart = -1;
  let lineEnd = -1;
  for (const at of quoteMarkOffsets(text)) {
    if (at >= lineEnd) {
      if (lineMarks.length > 0) scanLine(text, lineStart, lineEnd, lineMarks, segments);
      // The line starts after the last newline before the mark; searching forward from the previous
      // line's end keeps the search native and visits every newline at most once.
      lineStart = lineEnd + 1;
      for (let n = text.indexOf('\n', lineStart); n >= 0 && n < at; n = text.indexOf('\n', n + 1)) lineStart = n + 1;
      lineEnd = text.indexOf('\n', at);
      if (lineEnd < 0) lineEnd = text.length;
      lineMarks = [];
    }
    lineMarks.push(at);
  }
  if (lineMarks.length > 0) scanLine(text, lineStart, lineEnd, lineMarks, segments);

  const spans: QuoteSpan[] = [];
  let i = 0;
  while (i < segments.length) {
    const first = segments[i] as Segment;
    const parts: TextRange[] = [first.inner];
    let last = first;
    // News convention: an unclosed paragraph-final quote continues when the next paragraph opens with a mark.
    while (!last.closed && last.closeMark === last.lineEnd) {
      const next = segments[i + 1];
      if (next === undefined || next.openMark !== nextParagraphStart(text, last.lineEnd)) break;
      parts.push(next.inner);
      last = next;
      i++;
    }
    const start = (parts[0] as TextRange).start;
    const end = (parts[parts.length - 1] as TextRange).end;
    if (end > start) {
      spans.push({ start, end, openMark: first.openMark, closeMark: last.closeMark, closed: last.closed, parts: parts.filter((p) => p.end > p.start) });
    }
    i++;
  }
  return spans;
}
