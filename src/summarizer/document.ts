import { splitLeadingSentences } from './sentences.ts';
import { STOPWORDS } from './stopwords.ts';
import { countWords, isWordCode, termIdBound, termIdOf, termTableEpoch } from './tokenize.ts';

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

/** Builds the immutable document model: sentences, tokens, stems, term ids. */
export function buildDocument(text: string, options: DocumentOptions = {}): Document {
  const { sentences: all, end } = splitLeadingSentences(text, options.maxSentences ?? Infinity);
  generation = generation >= 0x7ffffff0 ? 1 : generation + 1;
  if (generation === 1) stampOf.fill(0);
  const surface: string[] = [];
  const sentences: Sentence[] = [];
  let totalWords = 0;
  const terms: number[] = [];
  for (let index = 0; index < all.length; index++) {
    const sentenceText = all[index] ?? '';
    terms.length = 0;
    let words = 0;
    let firstWord = '';
    const length = sentenceText.length;
    let start = -1;
    let hasUpper = false;
    for (let p = 0; p <= length; p++) {
      const code = p < length ? sentenceText.charCodeAt(p) : 32;
      if (p < length && isWordCode(code)) {
        if (start < 0) { start = p; hasUpper = false; }
        if (code >= 65 && code <= 90) hasUpper = true;
        else if (code >= 128) hasUpper = true; // let toLowerCase handle other scripts
        continue;
      }
      if (start < 0) continue;
      const raw = sentenceText.slice(start, p);
      const token = hasUpper ? raw.toLowerCase() : raw;
      start = -1;
      if (words === 0) firstWord = token;
      words++;
      const epoch = termTableEpoch;
      const globalId = termIdOf(token, STOPWORDS);
      if (epoch !== termTableEpoch) generation++; // table reset: forget stale stamps (the term may repeat as a new id)
      if (globalId < 0) continue;
      ensureCapacity(termIdBound());
      let local: number;
      if (stampOf[globalId] === generation) {
        local = localIdOf[globalId]!;
      } else {
        local = surface.length;
        stampOf[globalId] = generation;
        localIdOf[globalId] = local;
        surface.push(token);
      }
      terms.push(local);
    }
    totalWords += words;
    const sorted = Int32Array.from(terms).sort();
    let distinct = 0;
    for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) distinct++;
    const unique = new Int32Array(distinct);
    const counts = new Int32Array(distinct);
    let u = -1;
    for (let k = 0; k < sorted.length; k++) {
      if (k === 0 || sorted[k] !== sorted[k - 1]) unique[++u] = sorted[k]!;
      counts[u]! += 1;
    }
    sentences.push({ text: sentenceText, index, words, terms: Int32Array.from(terms), uniqueTerms: unique, termCounts: counts, firstWord });
  }
  if (end < text.length) totalWords += countWords(text.slice(end));
  return { sentences, vocabularySize: surface.length, surface, words: totalWords };
}
