import { splitLeadingSentences } from './sentences.ts';
import { STOPWORDS } from './stopwords.ts';
import { countWords, forEachToken, stem } from './tokenize.ts';

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
  /** For each term id, a surface form seen in the text (its most frequent lowercase token). */
  readonly surface: readonly string[];
  /** Total word tokens of the text. */
  readonly words: number;
}

export interface DocumentOptions {
  /** Only the first `maxSentences` sentences are analysed (caps work on huge inputs). */
  readonly maxSentences?: number;
}

function byAscending(a: number, b: number): number {
  return a - b;
}

/** Builds the immutable document model: sentences, tokens, stems, term ids. */
export function buildDocument(text: string, options: DocumentOptions = {}): Document {
  const { sentences: all, end } = splitLeadingSentences(text, options.maxSentences ?? Infinity);
  const limit = all.length;
  const termIds = new Map<string, number>();
  const surfaceCounts: Map<string, number>[] = [];
  const sentences: Sentence[] = [];
  let totalWords = 0;
  for (let index = 0; index < limit; index++) {
    const sentenceText = all[index] ?? '';
    const terms: number[] = [];
    let words = 0;
    let firstWord = '';
    forEachToken(sentenceText, (token) => {
      if (words === 0) firstWord = token;
      words++;
      if (STOPWORDS.has(token) || token.length > 40) return;
      const key = stem(token);
      let id = termIds.get(key);
      if (id === undefined) {
        id = termIds.size;
        termIds.set(key, id);
        surfaceCounts.push(new Map());
      }
      const forms = surfaceCounts[id];
      if (forms !== undefined && forms.size < 8) forms.set(token, (forms.get(token) ?? 0) + 1);
      terms.push(id);
    });
    totalWords += words;
    const sorted = terms.slice().sort(byAscending);
    const unique: number[] = [];
    const counts: number[] = [];
    for (const id of sorted) {
      if (unique.length > 0 && unique[unique.length - 1] === id) counts[counts.length - 1]! += 1;
      else { unique.push(id); counts.push(1); }
    }
    sentences.push({
      text: sentenceText,
      index,
      words,
      terms: Int32Array.from(terms),
      uniqueTerms: Int32Array.from(unique),
      termCounts: Int32Array.from(counts),
      firstWord,
    });
  }
  if (end < text.length) totalWords += countWords(text.slice(end));
  const surface = surfaceCounts.map((forms) => {
    let best = '';
    let bestCount = 0;
    for (const [form, count] of forms) if (count > bestCount) { best = form; bestCount = count; }
    return best;
  });
  return { sentences, vocabularySize: termIds.size, surface, words: totalWords };
}
