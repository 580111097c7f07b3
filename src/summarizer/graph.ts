import type { Document } from './document.ts';
import { TokenFact } from './tokenize.ts';

/** Pairwise sentence statistics shared by the graph rankers; dense n x n, symmetric. */
export interface PairStats {
  readonly n: number;
  /** Sum over shared terms of count_i * count_j (sumy's TextRank edge numerator). */
  readonly sharedCounts: Float64Array;
  /** tf-idf dot products. */
  readonly dot: Float64Array;
  /** tf-idf vector norms. */
  readonly norms: Float64Array;
  /** idf of every term id, over sentences. */
  readonly idf: Float64Array;
  /** Sentence frequency of every term id. */
  readonly df: Int32Array;
}

/**
 * Postings of the document being analysed: for each term t, the sentences holding it (and their
 * counts) at [postingOffsets[t], postingOffsets[t + 1]), in sentence order. Scratch buffers reused
 * across documents: nothing keeps them.
 */
let postingOffsets = new Int32Array(1024);
let postingFill = new Int32Array(1024);
let postingSentence = new Int32Array(4096);
let postingCount = new Int32Array(4096);
/** idf by document frequency, for the document being analysed (scratch). */
let idfOfDf = new Float64Array(256);

function fillPostings(doc: Document, df: Int32Array): void {
  const vocabulary = doc.vocabularySize; // df may be a longer scratch buffer
  if (postingOffsets.length < vocabulary + 1) {
    postingOffsets = new Int32Array(2 * (vocabulary + 1));
    postingFill = new Int32Array(2 * (vocabulary + 1));
  }
  const offsets = postingOffsets;
  const fill = postingFill;
  let total = 0;
  for (let t = 0; t < vocabulary; t++) {
    offsets[t] = total;
    fill[t] = total;
    total += df[t]!;
  }
  offsets[vocabulary] = total;
  if (postingSentence.length < total) {
    postingSentence = new Int32Array(2 * total);
    postingCount = new Int32Array(2 * total);
  }
  const postedSentence = postingSentence;
  const postedCount = postingCount;
  const { termData, uniqueStart, countOffset } = doc;
  const n = doc.sentences.length;
  for (let i = 0; i < n; i++) {
    const last = uniqueStart[i + 1]!;
    for (let k = uniqueStart[i]!; k < last; k++) {
      const slot = fill[termData[k]!]!++;
      postedSentence[slot] = i;
      postedCount[slot] = termData[k + countOffset]!;
    }
  }
}

/**
 * Pair statistics with the tf-idf dot products computed on first read: the default ranker only
 * needs shared counts, idf and norms, and the n x n matrix is the costliest allocation.
 */
class LazyPairStats implements PairStats {
  #dot: Float64Array | null = null;

  constructor(
    readonly n: number,
    readonly sharedCounts: Float64Array,
    readonly norms: Float64Array,
    readonly idf: Float64Array,
    readonly df: Int32Array,
    private readonly doc: Document,
  ) {}

  get dot(): Float64Array {
    if (this.#dot === null) {
      fillPostings(this.doc, this.df);
      this.#dot = dotProducts(this.n, this.idf);
    }
    return this.#dot;
  }
}

/** Symmetric n x n tf-idf dot products from the current postings (only pairs sharing a term are touched). */
function dotProducts(n: number, idf: Float64Array): Float64Array {
  const dot = new Float64Array(n * n);
  for (let t = 0; t < idf.length; t++) {
    const from = postingOffsets[t]!;
    const to = postingOffsets[t + 1]!;
    if (to - from < 2) continue;
    const idf2 = idf[t]! * idf[t]!;
    for (let a = from; a < to; a++) {
      const row = postingSentence[a]! * n;
      const ci = postingCount[a]!;
      for (let b = a + 1; b < to; b++) dot[row + postingSentence[b]!]! += ci * postingCount[b]! * idf2;
    }
  }
  mirrorUpperTriangle(dot, n);
  return dot;
}

/** Copies the upper triangle onto the lower one, in tiles so both sides stay in cache on big matrices. */
function mirrorUpperTriangle(matrix: Float64Array, n: number): void {
  const tile = 32;
  for (let i0 = 0; i0 < n; i0 += tile) {
    const iEnd = Math.min(n, i0 + tile);
    for (let j0 = i0; j0 < n; j0 += tile) {
      const jEnd = Math.min(n, j0 + tile);
      for (let i = i0; i < iEnd; i++) {
        const row = i * n;
        for (let j = Math.max(j0, i + 1); j < jEnd; j++) matrix[j * n + i] = matrix[row + j]!;
      }
    }
  }
}

/** idf[t] = log((n + 1) / (df[t] + 0.5)) for the vocabulary, n sentences. */
function fillIdf(df: Int32Array, vocabulary: number, n: number, idf: Float64Array): void {
  // idf depends on df only: one log per distinct df (df <= n), not one per term.
  if (idfOfDf.length < n + 1) idfOfDf = new Float64Array(2 * (n + 1));
  const idfByDf = idfOfDf;
  idfByDf.fill(0, 0, n + 1);
  for (let t = 0; t < vocabulary; t++) {
    const f = df[t]!;
    let value = idfByDf[f]!;
    if (value === 0) {
      value = Math.log((n + 1) / (f + 0.5)); // never 0: f + 0.5 is not an integer
      idfByDf[f] = value;
    }
    idf[t] = value;
  }
}

/**
 * df, idf and tf-idf norms of a document into the given arrays (df zero for the vocabulary on
 * entry; the arrays may be longer than needed).
 */
function fillTermStatistics(doc: Document, df: Int32Array, idf: Float64Array, norms: Float64Array): void {
  const n = doc.sentences.length;
  const vocabulary = doc.vocabularySize;
  const { termData, uniqueStart, countOffset } = doc;
  const totalUnique = uniqueStart[n]!;
  for (let k = uniqueStart[0] ?? 0; k < totalUnique; k++) df[termData[k]!]! += 1;
  fillIdf(df, vocabulary, n, idf);
  for (let i = 0; i < n; i++) {
    const last = uniqueStart[i + 1]!;
    let norm = 0;
    for (let k = uniqueStart[i]!; k < last; k++) {
      const weight = termData[k + countOffset]! * idf[termData[k]!]!;
      norm += weight * weight;
    }
    norms[i] = Math.sqrt(norm);
  }
}

/**
 * One pass over an inverted index: only sentence pairs that share a term are touched, so the cost
 * is the sum of squared document frequencies, not n^2 * sentence length.
 */
export function pairStats(doc: Document): PairStats {
  const n = doc.sentences.length;
  const vocabulary = doc.vocabularySize;
  const df = new Int32Array(vocabulary);
  const idf = new Float64Array(vocabulary);
  const norms = new Float64Array(n);
  fillTermStatistics(doc, df, idf, norms);
  fillPostings(doc, df);
  const sharedCounts = new Float64Array(n * n);
  for (let t = 0; t < vocabulary; t++) {
    const from = postingOffsets[t]!;
    const to = postingOffsets[t + 1]!;
    if (to - from < 2) continue;
    for (let a = from; a < to; a++) {
      const row = postingSentence[a]! * n;
      const ci = postingCount[a]!;
      for (let b = a + 1; b < to; b++) sharedCounts[row + postingSentence[b]!]! += ci * postingCount[b]!;
    }
  }
  mirrorUpperTriangle(sharedCounts, n);
  return new LazyPairStats(n, sharedCounts, norms, idf, df, doc);
}

/**
 * Term statistics and directed edge sums of one document, in buffers reused across documents:
 * valid until the next `directedStatistics` call, and possibly longer than the document (read the
 * first `vocabularySize` / `n` entries).
 */
export interface DirectedStatistics {
  /** idf per term id. */
  readonly idf: Float64Array;
  /** tf-idf norm per sentence. */
  readonly norms: Float64Array;
  /** Per term id, its tf-idf weights summed over the sentences (the document centroid, unnormalised). */
  readonly centroid: Float64Array;
  /** Per sentence, summed sumy TextRank edge weights to later sentences... */
  readonly later: Float64Array;
  /** ...and to earlier ones. */
  readonly earlier: Float64Array;
  /**
   * Two tallies for the summary assembly, gathered here to save it a pass over the terms. Per term
   * id, its counts weighted by position: 1 + (n - i) / n in sentence i of n (the lead names the
   * topic)...
   */
  readonly leadWeightedCounts: Float64Array;
  /** ...and per sentence, its distinct terms whose surface form has a letter. */
  readonly wordedTerms: Int32Array;
}

/** log(max(1, c)) for the term counts most sentences have (Math.log is a call; a table read is not). */
const LOG_TABLE_SIZE = 512;
const logOfCount = Float64Array.from({ length: LOG_TABLE_SIZE }, (_, count) => Math.log(Math.max(1, count)));

function logLengthOf(termCount: number): number {
  return termCount < LOG_TABLE_SIZE ? logOfCount[termCount]! : Math.log(termCount);
}

let dfScratch = new Int32Array(1024);
let idfScratch = new Float64Array(1024);
let centroidScratch = new Float64Array(1024);
let leadWeightedScratch = new Float64Array(1024);
/** Per term id, its latest occurrence in `occurrenceScratch` (-1: none yet). */
let lastOccurrence = new Int32Array(1024);
/**
 * Per distinct term of each sentence (slot s, counted from uniqueStart[0]), three entries at 3s:
 * the term's previous occurrence (3s' of its slot s', -1 for none), the sentence and the term's
 * count there. Following the links visits every earlier sentence holding the term.
 */
let occurrenceScratch = new Int32Array(3 * 4096);
let normScratch = new Float64Array(256);
let logLengthScratch = new Float64Array(256);
let laterScratch = new Float64Array(256);
let earlierScratch = new Float64Array(256);
let sharedColumn = new Float64Array(256);
let sharingScratch = new Int32Array(8);
let wordedScratch = new Int32Array(256);
const directed = {
  idf: idfScratch,
  norms: normScratch,
  centroid: centroidScratch,
  later: laterScratch,
  earlier: earlierScratch,
  leadWeightedCounts: leadWeightedScratch,
  wordedTerms: wordedScratch,
};

/**
 * sumy's TextRank edge weight (shared content-word counts over the sum of log lengths) summed per
 * sentence, split by direction, plus idf, norms and the centroid: what the adaptive ranker needs,
 * without any n x n matrix. One pass over the sentences counts document frequencies and gathers
 * each sentence's shared counts with the earlier ones (through the links to the earlier
 * occurrences of its terms); a second pass, once idf is known, sums norms, centroid and the
 * summary's tallies. The edge sums add up in the same order as over a full matrix (row by row,
 * then column by column).
 */
export function directedStatistics(doc: Document): DirectedStatistics {
  const n = doc.sentences.length;
  const { termData, termStart, uniqueStart, countOffset } = doc;
  const vocabulary = doc.vocabularySize;
  const firstSlot = uniqueStart[0]!;
  const slots = uniqueStart[n]! - firstSlot;
  if (dfScratch.length < vocabulary) {
    const size = 2 * vocabulary;
    dfScratch = new Int32Array(size);
    idfScratch = new Float64Array(size);
    centroidScratch = new Float64Array(size);
    leadWeightedScratch = new Float64Array(size);
    lastOccurrence = new Int32Array(size);
  }
  // Grown to the need or doubled, not to twice the need: a huge sentence has many distinct terms.
  if (occurrenceScratch.length < 3 * slots) occurrenceScratch = new Int32Array(Math.max(3 * slots, 2 * occurrenceScratch.length));
  if (normScratch.length < n) {
    const size = 2 * n;
    normScratch = new Float64Array(size);
    logLengthScratch = new Float64Array(size);
    laterScratch = new Float64Array(size);
    earlierScratch = new Float64Array(size);
    sharedColumn = new Float64Array(size);
    wordedScratch = new Int32Array(size);
  }
  const df = dfScratch;
  const last = lastOccurrence;
  const occurrences = occurrenceScratch;
  const logLength = logLengthScratch;
  const later = laterScratch;
  const earlier = earlierScratch;
  const column = sharedColumn; // zero between sentences
  if (sharingScratch.length < (n + 31) >>> 5) sharingScratch = new Int32Array((2 * n + 31) >>> 5);
  // Sentence h shares a term with the current one: bit 31 - h % 32 of sharing[h / 32] (zero between sentences).
  const sharing = sharingScratch;
  df.fill(0, 0, vocabulary);
  last.fill(-1, 0, vocabulary);
  for (let i = 0; i < n; i++) {
    const lastUnique = uniqueStart[i + 1]!;
    for (let k = uniqueStart[i]!; k < lastUnique; k++) {
      const term = termData[k]!;
      const count = termData[k + countOffset]!;
      df[term]! += 1;
      const own = 3 * (k - firstSlot);
      let previous = last[term]!;
      last[term] = own;
      occurrences[own] = previous;
      occurrences[own + 1] = i;
      occurrences[own + 2] = count;
      for (; previous >= 0; previous = occurrences[previous]!) {
        const h = occurrences[previous + 1]!;
        column[h]! += count * occurrences[previous + 2]!;
        sharing[h >>> 5]! |= 1 << (31 - (h & 31));
      }
    }
    // Edges from earlier sentences h to i, in the order a full matrix would add them: later[h]
    // gains them as i grows, earlier[i] as h grows. Only sentences sharing a term are visited
    // (the others add zero weights), in ascending order: highest bit first, by leading zeros.
    const li = logLengthOf(termStart[i + 1]! - termStart[i]!);
    logLength[i] = li;
    later[i] = 0;
    let sum = 0;
    for (let word = 0, words = (i + 31) >>> 5; word < words; word++) {
      let bits = sharing[word]!;
      sharing[word] = 0;
      while (bits !== 0) {
        const offset = Math.clz32(bits);
        bits ^= 1 << (31 - offset);
        const h = (word << 5) + offset;
        const shared = column[h]!;
        column[h] = 0;
        const norm = logLength[h]! + li;
        const weight = norm > 1e-9 ? shared / norm : shared;
        later[h]! += weight;
        sum += weight;
      }
    }
    earlier[i] = sum;
  }
  fillIdf(df, vocabulary, n, idfScratch);
  const idf = idfScratch;
  const norms = normScratch;
  const centroid = centroidScratch;
  const leadWeighted = leadWeightedScratch;
  const worded = wordedScratch;
  const { surfaceFacts } = doc;
  const letter = TokenFact.Letter; // a local: an imported enum member is read through its module
  centroid.fill(0, 0, vocabulary);
  leadWeighted.fill(0, 0, vocabulary);
  for (let i = 0; i < n; i++) {
    const lastUnique = uniqueStart[i + 1]!;
    const lead = 1 + (n - i) / n;
    let norm = 0;
    let wordedTerms = 0;
    for (let k = uniqueStart[i]!; k < lastUnique; k++) {
      const term = termData[k]!;
      const count = termData[k + countOffset]!;
      const weight = count * idf[term]!;
      norm += weight * weight;
      centroid[term]! += weight;
      leadWeighted[term]! += count * lead;
      wordedTerms += surfaceFacts[term]! & letter;
    }
    norms[i] = Math.sqrt(norm);
    worded[i] = wordedTerms;
  }
  directed.idf = idf;
  directed.norms = norms;
  directed.centroid = centroid;
  directed.later = later;
  directed.earlier = earlier;
  directed.leadWeightedCounts = leadWeighted;
  directed.wordedTerms = worded;
  return directed;
}

/** Cosine similarity of sentences i and j from pair statistics. */
export function cosine(stats: PairStats, i: number, j: number): number {
  const denominator = stats.norms[i]! * stats.norms[j]!;
  return denominator === 0 ? 0 : stats.dot[i * stats.n + j]! / denominator;
}

/** PageRank over a dense symmetric weight matrix (rows normalised), damping d. */
export function pageRank(weights: Float64Array, n: number, damping = 0.85, iterations = 50): Float64Array {
  const outSum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += weights[i * n + j]!;
    outSum[i] = sum;
  }
  let rank = new Float64Array(n).fill(1 / Math.max(1, n));
  let next = new Float64Array(n);
  for (let iteration = 0; iteration < iterations; iteration++) {
    let dangling = 0;
    for (let i = 0; i < n; i++) if (outSum[i] === 0) dangling += rank[i]!;
    const base = (1 - damping) / n + (damping * dangling) / n;
    next.fill(base);
    for (let i = 0; i < n; i++) {
      const out = outSum[i]!;
      if (out === 0) continue;
      const share = (damping * rank[i]!) / out;
      const row = i * n;
      for (let j = 0; j < n; j++) {
        const w = weights[row + j]!;
        if (w !== 0) next[j]! += share * w;
      }
    }
    let change = 0;
    for (let i = 0; i < n; i++) change += Math.abs(next[i]! - rank[i]!);
    [rank, next] = [next, rank];
    if (change < 1e-7) break;
  }
  return rank;
}
