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

/**
 * One pass over an inverted index: only sentence pairs that share a term are touched, so the cost
 * is the sum of squared document frequencies, not n^2 * sentence length.
 */
export function pairStats(doc: Document): PairStats {
  const sentences = doc.sentences;
  const n = sentences.length;
  const df = new Int32Array(doc.vocabularySize);
  for (const sentence of sentences) for (const term of sentence.uniqueTerms) df[term]! += 1;
  const idf = new Float64Array(doc.vocabularySize);
  for (let t = 0; t < idf.length; t++) idf[t] = Math.log((n + 1) / (df[t]! + 0.5));
  // Postings: for each term, the sentences (and counts) holding it.
  const offsets = new Int32Array(doc.vocabularySize + 1);
  for (let t = 0; t < df.length; t++) offsets[t + 1] = offsets[t]! + df[t]!;
  const postingSentence = new Int32Array(offsets[df.length]!);
  const postingCount = new Int32Array(offsets[df.length]!);
  const fill = offsets.slice(0, df.length);
  const norms = new Float64Array(n);
  for (const sentence of sentences) {
    let norm = 0;
    for (let k = 0; k < sentence.uniqueTerms.length; k++) {
      const term = sentence.uniqueTerms[k]!;
      const count = sentence.termCounts[k]!;
      const slot = fill[term]!++;
      postingSentence[slot] = sentence.index;
      postingCount[slot] = count;
      const weight = count * idf[term]!;
      norm += weight * weight;
    }
    norms[sentence.index] = Math.sqrt(norm);
  }
  const sharedCounts = new Float64Array(n * n);
  const dot = new Float64Array(n * n);
  for (let t = 0; t < df.length; t++) {
    const from = offsets[t]!;
    const to = offsets[t + 1]!;
    if (to - from < 2) continue;
    const idf2 = idf[t]! * idf[t]!;
    for (let a = from; a < to; a++) {
      const i = postingSentence[a]!;
      const ci = postingCount[a]!;
      for (let b = a + 1; b < to; b++) {
        const j = postingSentence[b]!;
        const product = ci * postingCount[b]!;
        sharedCounts[i * n + j]! += product;
        dot[i * n + j]! += product * idf2;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      sharedCounts[j * n + i] = sharedCounts[i * n + j]!;
      dot[j * n + i] = dot[i * n + j]!;
    }
  }
  return { n, sharedCounts, dot, norms, idf, df };
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
