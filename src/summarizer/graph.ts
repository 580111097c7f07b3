import type { Document } from './document.ts';

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

/** Postings of a document: for each term, the sentences (and counts) holding it, sentence order. */
interface Postings {
  readonly offsets: Int32Array;
  readonly sentence: Int32Array;
  readonly count: Int32Array;
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
    private readonly postings: Postings,
  ) {}

  get dot(): Float64Array {
    this.#dot ??= dotProducts(this.n, this.idf, this.postings);
    return this.#dot;
  }
}

/** Symmetric n x n tf-idf dot products from postings (only pairs sharing a term are touched). */
function dotProducts(n: number, idf: Float64Array, postings: Postings): Float64Array {
  const { offsets, sentence, count } = postings;
  const dot = new Float64Array(n * n);
  for (let t = 0; t + 1 < offsets.length; t++) {
    const from = offsets[t]!;
    const to = offsets[t + 1]!;
    if (to - from < 2) continue;
    const idf2 = idf[t]! * idf[t]!;
    for (let a = from; a < to; a++) {
      const row = sentence[a]! * n;
      const ci = count[a]!;
      for (let b = a + 1; b < to; b++) dot[row + sentence[b]!]! += ci * count[b]! * idf2;
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

/**
 * One pass over an inverted index: only sentence pairs that share a term are touched, so the cost
 * is the sum of squared document frequencies, not n^2 * sentence length.
 */
export function pairStats(doc: Document): PairStats {
  const sentences = doc.sentences;
  const n = sentences.length;
  const vocabulary = doc.vocabularySize;
  const df = new Int32Array(vocabulary);
  let postingTotal = 0;
  for (let i = 0; i < n; i++) {
    const unique = sentences[i]!.uniqueTerms;
    postingTotal += unique.length;
    for (let k = 0; k < unique.length; k++) df[unique[k]!]! += 1;
  }
  // idf depends on df only: one log per distinct df (df <= n), not one per term.
  const idfOfDf = new Float64Array(n + 1);
  const idf = new Float64Array(vocabulary);
  const offsets = new Int32Array(vocabulary + 1);
  for (let t = 0; t < vocabulary; t++) {
    const f = df[t]!;
    let value = idfOfDf[f]!;
    if (value === 0) {
      value = Math.log((n + 1) / (f + 0.5)); // never 0: f + 0.5 is not an integer
      idfOfDf[f] = value;
    }
    idf[t] = value;
    offsets[t + 1] = offsets[t]! + f;
  }
  const postingSentence = new Int32Array(postingTotal);
  const postingCount = new Int32Array(postingTotal);
  const fill = offsets.slice(0, vocabulary);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const sentence = sentences[i]!;
    const unique = sentence.uniqueTerms;
    const counts = sentence.termCounts;
    let norm = 0;
    for (let k = 0; k < unique.length; k++) {
      const term = unique[k]!;
      const count = counts[k]!;
      const slot = fill[term]!++;
      postingSentence[slot] = i;
      postingCount[slot] = count;
      const weight = count * idf[term]!;
      norm += weight * weight;
    }
    norms[i] = Math.sqrt(norm);
  }
  const sharedCounts = new Float64Array(n * n);
  for (let t = 0; t < vocabulary; t++) {
    const from = offsets[t]!;
    const to = offsets[t + 1]!;
    if (to - from < 2) continue;
    for (let a = from; a < to; a++) {
      const row = postingSentence[a]! * n;
      const ci = postingCount[a]!;
      for (let b = a + 1; b < to; b++) sharedCounts[row + postingSentence[b]!]! += ci * postingCount[b]!;
    }
  }
  mirrorUpperTriangle(sharedCounts, n);
  return new LazyPairStats(n, sharedCounts, norms, idf, df, { offsets, sentence: postingSentence, count: postingCount });
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
