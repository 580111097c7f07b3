import { sentenceSpans } from './sentences.ts';
import { beginDocument, codeUnitsOf, countWords, scanTokenCodes, termIdBound, termTableEpoch, tokenTable, type TokenScan } from './tokenize.ts';

/** One sentence, analysed once; rankers only read it. */
export interface Sentence {
  /** Verbatim text. */
  readonly text: string;
  /** Position in the document, from 0. */
  readonly index: number;
  /** Number of word tokens. */
  readonly words: number;
  /** Content-word term ids (stopwords removed, stemmed), with repeats, in order. */
  readonly terms: Int32Array;
  /** Distinct content term ids, ascending, with their counts in `termCounts`. */
  readonly uniqueTerms: Int32Array;
  readonly termCounts: Int32Array;
  /** Lowercased first word token ('' when none): used to spot dangling openers ("He said..."). */
  readonly firstWord: string;
}

export interface Document {
  readonly sentences: readonly Sentence[];
  /** Number of distinct content terms; term ids are 0..vocabularySize-1. */
  readonly vocabularySize: number;
  /** For each term id, a surface form seen in the text (its first lowercase token). */
  readonly surface: readonly string[];
  /** For each term id, 1 when its surface form has a letter (an ASCII letter or a non-ASCII character), 0 for digits only. */
  readonly surfaceHasLetter: Uint8Array;
  /** Total word tokens of the text. */
  readonly words: number;
  /**
   * The sentences' term lists in one flat array, for hot loops (the per-sentence arrays are views
   * made on first read): sentence i's terms are termData[termStart[i], termStart[i + 1]), its
   * distinct terms termData[uniqueStart[i], uniqueStart[i + 1]), the count of the distinct term at
   * k being termData[k + countOffset].
   */
  readonly termData: Int32Array;
  readonly termStart: Int32Array;
  readonly uniqueStart: Int32Array;
  readonly countOffset: number;
}

/** A sentence of the model: text and term arrays are made on first read (most are never read). */
class ModelSentence implements Sentence {
  #text: string | null = null;
  #terms: Int32Array | null = null;
  #uniqueTerms: Int32Array | null = null;
  #termCounts: Int32Array | null = null;

  constructor(
    readonly index: number,
    readonly words: number,
    readonly firstWord: string,
    private readonly source: string,
    private readonly start: number,
    private readonly end: number,
    private readonly doc: Document,
  ) {}

  get text(): string {
    return (this.#text ??= this.source.slice(this.start, this.end));
  }

  get terms(): Int32Array {
    const { termData, termStart } = this.doc;
    return (this.#terms ??= termData.subarray(termStart[this.index]!, termStart[this.index + 1]!));
  }

  get uniqueTerms(): Int32Array {
    const { termData, uniqueStart } = this.doc;
    return (this.#uniqueTerms ??= termData.subarray(uniqueStart[this.index]!, uniqueStart[this.index + 1]!));
  }

  get termCounts(): Int32Array {
    const { termData, uniqueStart, countOffset } = this.doc;
    return (this.#termCounts ??= termData.subarray(uniqueStart[this.index]! + countOffset, uniqueStart[this.index + 1]! + countOffset));
  }
}

export interface DocumentOptions {
  /** Only the first `maxSentences` sentences are analysed (caps work on huge inputs). */
  readonly maxSentences?: number;
  /**
   * The caller reads the model only until the next transient build (as `summarize` does): its
   * term arrays then live in buffers reused by that build instead of fresh allocations.
   */
  readonly transient?: boolean;
}

/** Per-document renumbering of global stem ids to dense local ids, reused across calls (stamped by generation). */
let localIdOf = new Int32Array(1024);
let stampOf = new Int32Array(1024);
let generation = 0;

function ensureCapacity(bound: number): void {
  if (bound <= localIdOf.length) return;
  let size = localIdOf.length;
  while (size < bound) size *= 2;
  const ids = new Int32Array(size);
  ids.set(localIdOf);
  const stamps = new Int32Array(size);
  stamps.set(stampOf);
  localIdOf = ids;
  stampOf = stamps;
}

/**
 * Per token id, the document it was last seen in and its local term id there (-1 for no content),
 * side by side: a repeated token costs one memory access instead of three (stem, stamp, local).
 */
let tokenMarks = new Int32Array(1 << 14);
let tokenMarksEpoch = -1;

/** Token ids of the document being built, reused across documents. */
const tokens: TokenScan = { ids: new Int32Array(4096), count: 0 };
/** Per sentence, where its tokens start in `tokens` (scratch). */
let tokenStartScratch = new Int32Array(512);
/** Buffers of the last transient document (see DocumentOptions.transient). */
let transientTermData = new Int32Array(3 * 4096);
let transientTermStart = new Int32Array(512);
let transientUniqueStart = new Int32Array(512);
let transientSurfaceHasLetter = new Uint8Array(4096);

/** A scratch array of at least `length` entries: `current` or a larger replacement. */
function atLeast(current: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  return current.length >= length ? current : new Int32Array(2 * length);
}

/** Sorts values[from, to) ascending; insertion sort for the short runs sentences have. */
function sortRange(values: Int32Array, from: number, to: number): void {
  if (to - from > 32) {
    values.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const value = values[i]!;
    let j = i - 1;
    while (j >= from && values[j]! > value) {
      values[j + 1] = values[j]!;
      j--;
    }
    values[j + 1] = value;
  }
}

/** Builds the immutable document model: sentences, tokens, stems, term ids. */
export function buildDocument(text: string, options: DocumentOptions = {}): Document {
  const { starts, ends, end } = sentenceSpans(text, options.maxSentences ?? Infinity);
  beginDocument();
  const n = starts.length;
  // Token ids of every sentence, in one buffer, read in place from the text.
  tokenStartScratch = atLeast(tokenStartScratch, n + 1);
  const tokenStart = tokenStartScratch;
  tokens.count = 0;
  const codes = codeUnitsOf(text, n > 0 ? ends[n - 1]! : 0);
  for (let index = 0; index < n; index++) {
    tokenStart[index] = tokens.count;
    scanTokenCodes(text, codes, starts[index]!, ends[index]!, tokens);
  }
  tokenStart[n] = tokens.count;
  const ids = tokens.ids;
  const { stems, texts, letters } = tokenTable();

  // Content terms renumbered densely in order of first appearance.
  generation = generation >= 0x7ffffff0 ? 1 : generation + 1;
  if (generation === 1) {
    stampOf.fill(0);
    tokenMarks.fill(0);
  }
  ensureCapacity(termIdBound());
  if (tokenMarksEpoch !== termTableEpoch || tokenMarks.length < texts.length * 2) {
    // Token ids were renumbered (table reset) or outgrew the marks: start afresh.
    let size = tokenMarks.length;
    while (size < texts.length * 2) size *= 2;
    tokenMarks = new Int32Array(size);
    tokenMarksEpoch = termTableEpoch;
  }
  // One allocation for all term lists: terms, then distinct terms, then their counts, each part
  // as long as the token count (an upper bound), so they are written in place, never copied.
  const tokenCount = tokens.count;
  let termData: Int32Array;
  let termStart: Int32Array;
  let uniqueStart: Int32Array;
  if (options.transient === true) {
    // Stale entries are overwritten before they are read.
    termData = transientTermData = atLeast(transientTermData, 3 * tokenCount);
    termStart = transientTermStart = atLeast(transientTermStart, n + 1);
    uniqueStart = transientUniqueStart = atLeast(transientUniqueStart, n + 1);
  } else {
    termData = new Int32Array(3 * tokenCount);
    termStart = new Int32Array(n + 1);
    uniqueStart = new Int32Array(n + 1);
  }
  const surface: string[] = [];
  // At most one term per token.
  let surfaceHasLetter: Uint8Array;
  if (options.transient === true) {
    if (transientSurfaceHasLetter.length < tokenCount) transientSurfaceHasLetter = new Uint8Array(2 * tokenCount);
    surfaceHasLetter = transientSurfaceHasLetter;
  } else {
    surfaceHasLetter = new Uint8Array(tokenCount);
  }
  // Hot arrays and the generation in locals: module bindings are re-read on every access.
  const marks = tokenMarks;
  const stamps = stampOf;
  const localIds = localIdOf;
  const terms = termData;
  const unique = termData;
  const counts = termData;
  const countOffset = tokenCount;
  const current = generation;
  let termCount = 0;
  let uniqueCount = tokenCount;
  for (let index = 0; index < n; index++) {
    termStart[index] = termCount;
    uniqueStart[index] = uniqueCount;
    const last = tokenStart[index + 1]!;
    for (let k = tokenStart[index]!; k < last; k++) {
      const tokenId = ids[k]!;
      const mark = tokenId * 2;
      let local: number;
      if (marks[mark] === current) {
        local = marks[mark + 1]!;
      } else {
        const globalId = stems[tokenId]!;
        if (globalId < 0) {
          local = -1;
        } else if (stamps[globalId] === current) {
          local = localIds[globalId]!;
        } else {
          local = surface.length;
          stamps[globalId] = current;
          localIds[globalId] = local;
          surfaceHasLetter[local] = letters[tokenId]!;
          surface.push(texts[tokenId]!);
        }
        marks[mark] = current;
        marks[mark + 1] = local;
      }
      if (local >= 0) terms[termCount++] = local;
    }
    // Distinct terms with counts: sort a copy of the sentence's terms, then collapse runs.
    const from = termStart[index]!;
    const sortedEnd = uniqueCount + termCount - from;
    for (let k = from, to = uniqueCount; k < termCount; k++, to++) unique[to] = terms[k]!;
    sortRange(unique, uniqueCount, sortedEnd);
    let write = uniqueCount - 1;
    for (let k = uniqueCount; k < sortedEnd; k++) {
      const term = unique[k]!;
      if (write >= uniqueCount && unique[write] === term) {
        counts[write + countOffset]! += 1;
      } else {
        write++;
        unique[write] = term;
        counts[write + countOffset] = 1;
      }
    }
    uniqueCount = write + 1;
  }
  termStart[n] = termCount;
  uniqueStart[n] = uniqueCount;

  const sentences: Sentence[] = new Array<Sentence>(n);
  let totalWords = tokenCount;
  if (end < text.length) totalWords += countWords(text, end, text.length);
  const doc: Document = { sentences, vocabularySize: surface.length, surface, surfaceHasLetter, words: totalWords, termData, termStart, uniqueStart, countOffset };
  for (let index = 0; index < n; index++) {
    const first = tokenStart[index]!;
    const words = tokenStart[index + 1]! - first;
    sentences[index] = new ModelSentence(index, words, words > 0 ? texts[ids[first]!]! : '', text, starts[index]!, ends[index]!, doc);
  }
  return doc;
}
