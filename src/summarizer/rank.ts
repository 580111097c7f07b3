import type { Document } from './document.ts';
import { cosine, directedStatistics, pageRank, pairStats, type DirectedStatistics, type PairStats } from './graph.ts';

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

/** Centroid accumulator reused across documents (zeroed for each one). */
let centroidScratch = new Float64Array(1024);

/** tf-idf cosine of each sentence to the document centroid, into `scores` (first n entries). */
function fillCentroidScores(doc: Document, idf: Float64Array, norms: Float64Array, scores: Float64Array): void {
  const vocabulary = doc.vocabularySize;
  if (centroidScratch.length < vocabulary) centroidScratch = new Float64Array(2 * vocabulary);
  const centroid = centroidScratch;
  centroid.fill(0, 0, vocabulary);
  const n = doc.sentences.length;
  const { termData, uniqueStart, countOffset } = doc;
  for (let i = 0; i < n; i++) {
    const last = uniqueStart[i + 1]!;
    for (let k = uniqueStart[i]!; k < last; k++) {
      const term = termData[k]!;
      centroid[term]! += termData[k + countOffset]! * idf[term]!;
    }
  }
  fillCentroidCosines(doc, idf, norms, centroid, scores);
}

/** tf-idf cosine of each sentence to a summed centroid, into `scores` (first n entries). */
function fillCentroidCosines(doc: Document, idf: Float64Array, norms: Float64Array, centroid: Float64Array, scores: Float64Array): void {
  const vocabulary = doc.vocabularySize;
  let centroidNorm = 0;
  for (let t = 0; t < vocabulary; t++) centroidNorm += centroid[t]! * centroid[t]!;
  centroidNorm = Math.sqrt(centroidNorm);
  const n = doc.sentences.length;
  const { termData, uniqueStart, countOffset } = doc;
  for (let i = 0; i < n; i++) {
    const last = uniqueStart[i + 1]!;
    let dot = 0;
    for (let k = uniqueStart[i]!; k < last; k++) {
      const term = termData[k]!;
      dot += termData[k + countOffset]! * idf[term]! * centroid[term]!;
    }
    const denominator = norms[i]! * centroidNorm;
    scores[i] = denominator === 0 ? 0 : dot / denominator;
  }
}

/** Centroid: tf-idf cosine of each sentence to the whole document. */
export const centroidRanker: Ranker = (doc) => {
  const stats = statsOf(doc);
  const scores = new Float64Array(stats.n);
  fillCentroidScores(doc, stats.idf, stats.norms, scores);
  return scores;
};

/** sumy's TextRank edge weight, split by direction: similarity to later and to earlier sentences. */
function directedEdgeSums(doc: Document): { later: Float64Array; earlier: Float64Array } {
  const n = doc.sentences.length;
  const { later, earlier } = directedStatistics(doc);
  return { later: later.slice(0, n), earlier: earlier.slice(0, n) };
}

function minMaxScaled(values: Float64Array): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  return values.map((v) => (span > 0 ? (v - min) / span : 0));
}

/**
 * How much more central the lead (first 3 sentences) is than the average sentence: tf-idf cosine
 * to the document centroid, lead mean over document mean.
 */
function leadCentralityOf(centrality: Float64Array, n: number): number {
  if (n === 0) return 1;
  const k = Math.min(3, n);
  let lead = 0;
  let all = 0;
  for (let i = 0; i < n; i++) {
    all += centrality[i]!;
    if (i < k) lead += centrality[i]!;
  }
  return all > 0 ? (lead / k) / (all / n) : 1;
}

/**
 * Share of sentences that stray from the topic: tf-idf cosine to the document centroid below half
 * the median sentence's. Long news stories trail off into background, asides and captions.
 */
export function offTopicShare(doc: Document, centrality: Float64Array = centroidRanker(doc)): number {
  return offTopicShareOf(centrality, centrality.length);
}

let selectScratch = new Float64Array(256);

/**
 * The k-th smallest of values[0, n) (quickselect on a scratch copy; values are never NaN). The
 * partitions swap unconditionally and advance by the comparison's outcome: no branch on the data,
 * whose outcomes a processor cannot predict. Values below the pivot go first; when the k-th is not
 * among them, a second pass gathers the ones equal to it, so runs of equal values stay linear.
 */
function kthSmallest(values: Float64Array, n: number, k: number): number {
  if (selectScratch.length < n) selectScratch = new Float64Array(2 * n);
  const a = selectScratch;
  for (let i = 0; i < n; i++) a[i] = values[i]!;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const middle = (lo + hi) >> 1;
    const pivot = a[middle]!;
    a[middle] = a[hi]!;
    a[hi] = pivot;
    let less = lo; // a[lo, less) < pivot
    for (let i = lo; i < hi; i++) {
      const v = a[i]!;
      a[i] = a[less]!;
      a[less] = v;
      less += v < pivot ? 1 : 0;
    }
    if (k < less) {
      hi = less - 1;
      continue;
    }
    let notMore = less; // a[less, notMore) === pivot (the pivot itself, at hi, included)
    for (let i = less; i <= hi; i++) {
      const v = a[i]!;
      a[i] = a[notMore]!;
      a[notMore] = v;
      notMore += v <= pivot ? 1 : 0;
    }
    if (k < notMore) return pivot;
    lo = notMore;
  }
  return a[k]!;
}

function offTopicShareOf(centrality: Float64Array, n: number): number {
  if (n === 0) return 0;
  const median = kthSmallest(centrality, n, n >> 1);
  let stray = 0;
  for (let i = 0; i < n; i++) if (centrality[i]! < 0.5 * median) stray++;
  return stray / n;
}

/**
 * Weights of the lead-style evidence: log sentences + 2.2 x lead centrality + 8.3 x off-topic
 * share, balanced at 6.1 (one logistic fit of the three features, then rounded).
 */
const LEAD_CENTRALITY_WEIGHT = 2.2;
const OFF_TOPIC_WEIGHT = 8.3;
const LEAD_STYLE_MIDPOINT = 6.05;
const LEAD_STYLE_SLOPE = 6;

/**
 * How strongly a document reads as a news lead followed by detail (0..1): long articles whose
 * opening sentences sit close to the document centroid and whose tail strays from it. Short,
 * focused articles spread their substance over the whole text.
 */
export function leadStyle(doc: Document): number {
  const n = doc.sentences.length;
  if (n <= 3) return 1;
  return leadStyleOf(centroidRanker(doc), n);
}

function leadStyleOf(centrality: Float64Array, n: number): number {
  const evidence = Math.log(n)
    + LEAD_CENTRALITY_WEIGHT * leadCentralityOf(centrality, n)
    + OFF_TOPIC_WEIGHT * offTopicShareOf(centrality, n);
  return 1 / (1 + Math.exp(-LEAD_STYLE_SLOPE * (evidence - LEAD_STYLE_MIDPOINT)));
}

/** Words at which a sentence gets half the length credit: longer ones carry more, with diminishing returns. */
const HALF_CREDIT_WORDS = 50;

/**
 * Sentences into the text at which attention has fallen to a quarter (inverted pyramid): position
 * weight (1 + i / 5)^-2, in absolute sentences so a long article's tail weighs little.
 */
const ATTENTION_SPAN = 5;

function lengthCredit(words: number): number {
  return words < TABLE_SIZE ? lengthCreditTable[words]! : computeLengthCredit(words);
}

function attention(index: number): number {
  return index < TABLE_SIZE ? attentionTable[index]! : computeAttention(index);
}

function computeLengthCredit(words: number): number {
  return words / (words + HALF_CREDIT_WORDS);
}

function computeAttention(index: number): number {
  const decay = 1 + index / ATTENTION_SPAN;
  return 1 / (decay * decay);
}

/** Both weights for the usual word counts and positions, computed once (divisions are slow). */
const TABLE_SIZE = 512;
const lengthCreditTable = Float64Array.from({ length: TABLE_SIZE }, (_, words) => computeLengthCredit(words));
const attentionTable = Float64Array.from({ length: TABLE_SIZE }, (_, index) => computeAttention(index));

/** Similarity to all other sentences times length credit: sentences that carry the shared substance. */
function coveringScores(doc: Document, later: Float64Array, earlier: Float64Array): Float64Array {
  return later.map((l, i) => (l + earlier[i]!) * lengthCredit(doc.sentences[i]!.words));
}

/**
 * The lead view: the mean of two scaled readings of "what the article opens with and goes on to
 * develop" — directed centrality (similarity to later sentences minus twice that to earlier ones)
 * and covering discounted by position. Either alone overfits one kind of article; together they
 * keep the lead without picking isolated openers that share nothing with the rest.
 */
function leadScores(doc: Document, later: Float64Array, earlier: Float64Array): Float64Array {
  const directed = minMaxScaled(later.map((l, i) => l - 2 * earlier[i]!));
  const positioned = minMaxScaled(coveringScores(doc, later, earlier).map((c, i) => c * attention(i)));
  return directed.map((d, i) => 0.5 * d + 0.5 * positioned[i]!);
}

/** Per-sentence scratch of the adaptive ranker, reused across documents. */
let centralityScratch = new Float64Array(256);
let directedScratch = new Float64Array(256);
let coveringScratch = new Float64Array(256);
let positionedScratch = new Float64Array(256);

/**
 * Briefbot's document-adaptive ranker. Two views of importance, blended by `leadStyle`:
 * - lead: sentences that open what the article goes on to develop, early ones first (the mean of
 *   scaled directed centrality and scaled position-discounted covering, as `leadScores`);
 * - covering: total similarity to all sentences with a saturating length credit, i.e. sentences
 *   that carry most of the shared substance wherever they are.
 * Computed in one pass over reused buffers (same arithmetic as the separate views).
 */
export const adaptiveRanker: Ranker = (doc) => fillAdaptiveScores(doc, directedStatistics(doc), new Float64Array(doc.sentences.length));

/** Scores of the last `transientRanking` call (reused: a fresh off-heap typed array per document costs ~1-2 us). */
let transientScoreBuffer = new Float64Array(256);

/** A ranking as a summary reads it: valid until the next `transientRanking` call. */
export interface TransientRanking {
  /** One score per sentence, higher is better (the first n entries). */
  readonly scores: Float64Array;
  /** Per term id, its counts weighted by position (see DirectedStatistics). */
  readonly leadWeightedCounts: Float64Array;
  /** Per sentence, its distinct terms whose surface form has a letter. */
  readonly wordedTerms: Int32Array;
}

const transient: { scores: Float64Array; leadWeightedCounts: Float64Array; wordedTerms: Int32Array } = {
  scores: transientScoreBuffer,
  leadWeightedCounts: new Float64Array(0),
  wordedTerms: new Int32Array(0),
};

/**
 * The scores of `ranker` for `doc` and the document's tallies, for a caller that reads them only
 * until its next call. The adaptive ranker writes its scores into a reused buffer (possibly longer
 * than the document: read the first n entries) and gathers the tallies in its own pass over the
 * terms; other rankers allocate as usual, and the tallies come from a pass of their own.
 */
export function transientRanking(ranker: Ranker, doc: Document): TransientRanking {
  let statistics: DirectedStatistics;
  if (ranker === adaptiveRanker) {
    const n = doc.sentences.length;
    if (transientScoreBuffer.length < n) transientScoreBuffer = new Float64Array(2 * n);
    statistics = directedStatistics(doc);
    transient.scores = fillAdaptiveScores(doc, statistics, transientScoreBuffer);
  } else {
    transient.scores = ranker(doc);
    statistics = directedStatistics(doc); // after the ranker, which may use the same buffers
  }
  transient.leadWeightedCounts = statistics.leadWeightedCounts;
  transient.wordedTerms = statistics.wordedTerms;
  return transient;
}

/** The adaptive ranker's scores into scores[0, n). */
function fillAdaptiveScores(doc: Document, statistics: DirectedStatistics, scores: Float64Array): Float64Array {
  const n = doc.sentences.length;
  const { idf, norms, centroid, later, earlier } = statistics;
  if (centralityScratch.length < n) {
    const size = 2 * n;
    centralityScratch = new Float64Array(size);
    directedScratch = new Float64Array(size);
    coveringScratch = new Float64Array(size);
    positionedScratch = new Float64Array(size);
  }
  let style = 1;
  if (n > 3) {
    fillCentroidCosines(doc, idf, norms, centroid, centralityScratch);
    style = leadStyleOf(centralityScratch, n);
  }
  const directedRaw = directedScratch;
  const coveringRaw = coveringScratch;
  const positionedRaw = positionedScratch;
  let directedMin = Infinity;
  let directedMax = -Infinity;
  let coveringMin = Infinity;
  let coveringMax = -Infinity;
  let positionedMin = Infinity;
  let positionedMax = -Infinity;
  const sentences = doc.sentences;
  for (let i = 0; i < n; i++) {
    const l = later[i]!;
    const e = earlier[i]!;
    const d = l - 2 * e;
    directedRaw[i] = d;
    if (d < directedMin) directedMin = d;
    if (d > directedMax) directedMax = d;
    const c = (l + e) * lengthCredit(sentences[i]!.words);
    coveringRaw[i] = c;
    if (c < coveringMin) coveringMin = c;
    if (c > coveringMax) coveringMax = c;
    const p = c * attention(i);
    positionedRaw[i] = p;
    if (p < positionedMin) positionedMin = p;
    if (p > positionedMax) positionedMax = p;
  }
  const directedSpan = directedMax - directedMin;
  const coveringSpan = coveringMax - coveringMin;
  const positionedSpan = positionedMax - positionedMin;
  for (let i = 0; i < n; i++) {
    const d = directedSpan > 0 ? (directedRaw[i]! - directedMin) / directedSpan : 0;
    const p = positionedSpan > 0 ? (positionedRaw[i]! - positionedMin) / positionedSpan : 0;
    const c = coveringSpan > 0 ? (coveringRaw[i]! - coveringMin) / coveringSpan : 0;
    const lead = 0.5 * d + 0.5 * p;
    scores[i] = style * lead + (1 - style) * c;
  }
  return scores;
}

/** Directed centrality alone (PacSum-like, sumy TextRank edges). */
export const directedRanker: Ranker = (doc) => {
  const { later, earlier } = directedEdgeSums(doc);
  return later.map((l, i) => l - 2 * earlier[i]!);
};

/** Lead view alone (the lead-style end of the adaptive blend). */
export const leadViewRanker: Ranker = (doc) => {
  const { later, earlier } = directedEdgeSums(doc);
  return leadScores(doc, later, earlier);
};

/** Covering view alone (the whole-document end of the adaptive blend). */
export const coveringRanker: Ranker = (doc) => {
  const { later, earlier } = directedEdgeSums(doc);
  return coveringScores(doc, later, earlier);
};

/** The ranker `summarize` uses. */
export const briefbotRanker: Ranker = adaptiveRanker;

/** Every ranker by name, for benchmarks and callers that let a user choose. */
export const RANKERS: Readonly<Record<string, Ranker>> = {
  lead: leadRanker,
  textrank: textRankRanker,
  lexrank: lexRankRanker,
  pacsum: pacSumRanker(),
  centroid: centroidRanker,
  directed: directedRanker,
  'lead-view': leadViewRanker,
  covering: coveringRanker,
  adaptive: adaptiveRanker,
};
