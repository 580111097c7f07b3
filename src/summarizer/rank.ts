import type { Document } from './document.ts';
import { cosine, pageRank, pairStats, type PairStats } from './graph.ts';

/** Every ranker has this one signature: one score per sentence, higher is better. */
export type Ranker = (doc: Document) => Float64Array;

const statsCache = new WeakMap<Document, PairStats>();

/** Pair statistics of a document, computed once even when several rankers read them. */
export function statsOf(doc: Document): PairStats {
  let stats = statsCache.get(doc);
  if (stats === undefined) {
    stats = pairStats(doc);
    statsCache.set(doc, stats);
  }
  return stats;
}

/** Lead: earlier sentences first. */
export const leadRanker: Ranker = (doc) => {
  const n = doc.sentences.length;
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) scores[i] = 1 / (1 + i);
  return scores;
};

/** TextRank as sumy scores it: shared content-word counts over the sum of log lengths, PageRank. */
export const textRankRanker: Ranker = (doc) => {
  const stats = statsOf(doc);
  const n = stats.n;
  const weights = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const li = doc.sentences[i]!.terms.length;
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const shared = stats.sharedCounts[i * n + j]!;
      if (shared === 0) continue;
      const lj = doc.sentences[j]!.terms.length;
      const norm = Math.log(li) + Math.log(lj);
      weights[i * n + j] = norm > 1e-9 ? shared / norm : shared;
    }
  }
  return pageRank(weights, n);
};

/** LexRank: PageRank over tf-idf cosine similarities (continuous edges). */
export const lexRankRanker: Ranker = (doc) => {
  const stats = statsOf(doc);
  const n = stats.n;
  const weights = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) weights[i * n + j] = cosine(stats, i, j);
  return pageRank(weights, n);
};

/**
 * PacSum (Zheng & Lapata 2019), tf-idf version: directed centrality where similarity to later
 * sentences counts for a sentence and similarity to earlier ones counts against it.
 */
export function pacSumRanker(beta = 0.6, towardsEarlier = -2, towardsLater = 1): Ranker {
  return (doc) => {
    const stats = statsOf(doc);
    const n = stats.n;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const s = cosine(stats, i, j);
        if (s < min) min = s;
        if (s > max) max = s;
      }
    }
    const threshold = n > 1 ? min + beta * (max - min) : 0;
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let score = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const edge = Math.max(0, cosine(stats, i, j) - threshold);
        score += j < i ? towardsEarlier * edge : towardsLater * edge;
      }
      scores[i] = score;
    }
    return scores;
  };
}

/** Centroid: tf-idf cosine of each sentence to the whole document. */
export const centroidRanker: Ranker = (doc) => {
  const stats = statsOf(doc);
  const centroid = new Float64Array(doc.vocabularySize);
  for (const sentence of doc.sentences) {
    for (let k = 0; k < sentence.uniqueTerms.length; k++) {
      const term = sentence.uniqueTerms[k]!;
      centroid[term]! += sentence.termCounts[k]! * stats.idf[term]!;
    }
  }
  let centroidNorm = 0;
  for (const w of centroid) centroidNorm += w * w;
  centroidNorm = Math.sqrt(centroidNorm);
  const scores = new Float64Array(stats.n);
  for (const sentence of doc.sentences) {
    let dot = 0;
    for (let k = 0; k < sentence.uniqueTerms.length; k++) {
      const term = sentence.uniqueTerms[k]!;
      dot += sentence.termCounts[k]! * stats.idf[term]! * centroid[term]!;
    }
    const denominator = stats.norms[sentence.index]! * centroidNorm;
    scores[sentence.index] = denominator === 0 ? 0 : dot / denominator;
  }
  return scores;
};

/** Every ranker by name, for benchmarks and callers that let a user choose. */
export const RANKERS: Readonly<Record<string, Ranker>> = {
  lead: leadRanker,
  textrank: textRankRanker,
  lexrank: lexRankRanker,
  pacsum: pacSumRanker(),
  centroid: centroidRanker,
};

/** The ranker `summarize` uses. */
export const briefbotRanker: Ranker = textRankRanker;
