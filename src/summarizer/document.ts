import { sentenceSpans } from './sentences.ts';
import { beginDocument, countWords, scanTokens, termIdBound, termTableEpoch, tokenTable, type TokenScan } from './tokenize.ts';

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
  /** Total word tokens of the text. */
  readonly words: number;
}

export interface DocumentOptions {
  /** Only the first `maxSentences` sentences are analysed (caps work on huge inputs). */
  readonly maxSentences?: number;
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

/** Scratch buffers reused across documents (the model keeps exact-size copies). */
const tokens: TokenScan = { ids: new Int32Array(4096), count: 0 };
let termScratch = new Int32Array(4096);
let uniqueScratch = new Int32Array(4096);
let countScratch = new Int32Array(4096);

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
  const tokenStart = new Int32Array(n + 1);
  tokens.count = 0;
  for (let index = 0; index < n; index++) {
    tokenStart[index] = tokens.count;
    scanTokens(text, starts[index]!, ends[index]!, tokens);
  }
  tokenStart[n] = tokens.count;
  const ids = tokens.ids;
  const { stems, texts } = tokenTable();

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
  if (termScratch.length < tokens.count) {
    termScratch = new Int32Array(ids.length);
    uniqueScratch = new Int32Array(ids.length);
    countScratch = new Int32Array(ids.length);
  }
  const surface: string[] = [];
  const termStart = new Int32Array(n + 1);
  const uniqueStart = new Int32Array(n + 1);
  let termCount = 0;
  let uniqueCount = 0;
  for (let index = 0; index < n; index++) {
    termStart[index] = termCount;
    uniqueStart[index] = uniqueCount;
    const last = tokenStart[index + 1]!;
    for (let k = tokenStart[index]!; k < last; k++) {
      const mark = ids[k]! * 2;
      let local: number;
      if (tokenMarks[mark] === generation) {
        local = tokenMarks[mark + 1]!;
      } else {
        const tokenId = ids[k]!;
        const globalId = stems[tokenId]!;
        if (globalId < 0) {
          local = -1;
        } else if (stampOf[globalId] === generation) {
          local = localIdOf[globalId]!;
        } else {
          local = surface.length;
          stampOf[globalId] = generation;
          localIdOf[globalId] = local;
          surface.push(texts[tokenId]!);
        }
        tokenMarks[mark] = generation;
        tokenMarks[mark + 1] = local;
      }
      if (local >= 0) termScratch[termCount++] = local;
    }
    // Distinct terms with counts: sort a copy of the sentence's terms, then collapse runs.
    const from = termStart[index]!;
    const sortedEnd = uniqueCount + termCount - from;
    for (let k = from, to = uniqueCount; k < termCount; k++, to++) uniqueScratch[to] = termScratch[k]!;
    sortRange(uniqueScratch, uniqueCount, sortedEnd);
    let write = uniqueCount - 1;
    for (let k = uniqueCount; k < sortedEnd; k++) {
      const term = uniqueScratch[k]!;
      if (write >= uniqueCount && uniqueScratch[write] === term) {
        countScratch[write]! += 1;
      } else {
        write++;
        uniqueScratch[write] = term;
        countScratch[write] = 1;
      }
    }
    uniqueCount = write + 1;
  }
  termStart[n] = termCount;
  uniqueStart[n] = uniqueCount;

  const allTerms = termScratch.slice(0, termCount);
  const allUnique = uniqueScratch.slice(0, uniqueCount);
  const allCounts = countScratch.slice(0, uniqueCount);
  const sentences: Sentence[] = new Array<Sentence>(n);
  for (let index = 0; index < n; index++) {
    const first = tokenStart[index]!;
    const words = tokenStart[index + 1]! - first;
    sentences[index] = {
      text: text.slice(starts[index], ends[index]),
      index,
      words,
      terms: allTerms.subarray(termStart[index]!, termStart[index + 1]!),
      uniqueTerms: allUnique.subarray(uniqueStart[index]!, uniqueStart[index + 1]!),
      termCounts: allCounts.subarray(uniqueStart[index]!, uniqueStart[index + 1]!),
      firstWord: words > 0 ? texts[ids[first]!]! : '',
    };
  }
  let totalWords = tokens.count;
  if (end < text.length) totalWords += countWords(text, end, text.length);
  return { sentences, vocabularySize: surface.length, surface, words: totalWords };
}
