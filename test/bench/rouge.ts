/**
 * ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 as Google's rouge_score defines them: lowercase, every
 * non-[a-z0-9] character becomes a space, whitespace tokens, Porter stem for tokens longer than 3
 * characters; Lsum is the summary-level union LCS over newline-separated sentences.
 */
import { stemmer } from 'stemmer';

const stemCache = new Map<string, string>();

function stemToken(token: string): string {
  if (token.length <= 3) return token;
  let stemmed = stemCache.get(token);
  if (stemmed === undefined) {
    stemmed = stemmer(token);
    stemCache.set(token, stemmed);
  }
  return stemmed;
}

export function rougeTokens(text: string): string[] {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').split(' ').filter((token) => token !== '').map(stemToken);
}

export interface Score {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

function score(hits: number, predictionTotal: number, referenceTotal: number): Score {
  const precision = predictionTotal === 0 ? 0 : hits / predictionTotal;
  const recall = referenceTotal === 0 ? 0 : hits / referenceTotal;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function rougeN(reference: readonly string[], prediction: readonly string[], n: number): Score {
  const referenceCounts = ngramCounts(reference, n);
  const predictionCounts = ngramCounts(prediction, n);
  let hits = 0;
  for (const [gram, count] of predictionCounts) hits += Math.min(count, referenceCounts.get(gram) ?? 0);
  return score(hits, Math.max(0, prediction.length - n + 1), Math.max(0, reference.length - n + 1));
}

/** Indices (into `reference`) of one longest common subsequence of reference and candidate. */
function lcsIndices(reference: readonly string[], candidate: readonly string[]): number[] {
  const rows = reference.length;
  const cols = candidate.length;
  const table = new Uint32Array((rows + 1) * (cols + 1));
  const at = (i: number, j: number): number => table[i * (cols + 1) + j] ?? 0;
  for (let i = 1; i <= rows; i++) {
    for (let j = 1; j <= cols; j++) {
      table[i * (cols + 1) + j] = reference[i - 1] === candidate[j - 1]
        ? at(i - 1, j - 1) + 1
        : Math.max(at(i - 1, j), at(i, j - 1));
    }
  }
  // Backtrack the way rouge_score does (on a tie, move up the reference).
  const indices: number[] = [];
  let i = rows;
  let j = cols;
  while (i > 0 && j > 0) {
    if (reference[i - 1] === candidate[j - 1]) {
      indices.push(i - 1);
      i--;
      j--;
    } else if (at(i, j - 1) > at(i - 1, j)) {
      j--;
    } else {
      i--;
    }
  }
  return indices.reverse();
}

export function rougeLsum(referenceSentences: readonly string[][], predictionSentences: readonly string[][]): Score {
  const referenceTotal = referenceSentences.reduce((sum, s) => sum + s.length, 0);
  const predictionTotal = predictionSentences.reduce((sum, s) => sum + s.length, 0);
  const referenceLeft = new Map<string, number>();
  const predictionLeft = new Map<string, number>();
  for (const sentence of referenceSentences) for (const t of sentence) referenceLeft.set(t, (referenceLeft.get(t) ?? 0) + 1);
  for (const sentence of predictionSentences) for (const t of sentence) predictionLeft.set(t, (predictionLeft.get(t) ?? 0) + 1);
  let hits = 0;
  for (const reference of referenceSentences) {
    const union = new Set<number>();
    for (const prediction of predictionSentences) for (const index of lcsIndices(reference, prediction)) union.add(index);
    for (const index of [...union].sort((a, b) => a - b)) {
      const token = reference[index] ?? '';
      const r = referenceLeft.get(token) ?? 0;
      const p = predictionLeft.get(token) ?? 0;
      if (r > 0 && p > 0) {
        hits++;
        referenceLeft.set(token, r - 1);
        predictionLeft.set(token, p - 1);
      }
    }
  }
  return score(hits, predictionTotal, referenceTotal);
}

export interface RougeScores {
  readonly rouge1: number;
  readonly rouge2: number;
  readonly rougeLsum: number;
}

/** F1 scores of a prediction against a reference; both hold one sentence per line. */
export function rouge(reference: string, prediction: string): RougeScores {
  const referenceLines = reference.split('\n').map(rougeTokens);
  const predictionLines = prediction.split('\n').map(rougeTokens);
  const referenceTokens = referenceLines.flat();
  const predictionTokens = predictionLines.flat();
  return {
    rouge1: rougeN(referenceTokens, predictionTokens, 1).f1,
    rouge2: rougeN(referenceTokens, predictionTokens, 2).f1,
    rougeLsum: rougeLsum(referenceLines, predictionLines).f1,
  };
}
