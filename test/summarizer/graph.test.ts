import { describe, expect, it } from 'vitest';
import { buildDocument, type Document } from '../../src/summarizer/document.ts';
import { directedStatistics, pairStats } from '../../src/summarizer/graph.ts';

/** Brute-force shared counts and tf-idf dot products from the sentences' term lists. */
function bruteForce(doc: Document, idf: Float64Array): { shared: number[]; dot: number[] } {
  const n = doc.sentences.length;
  const counts = doc.sentences.map((s) => {
    const map = new Map<number, number>();
    for (const t of s.terms) map.set(t, (map.get(t) ?? 0) + 1);
    return map;
  });
  const shared: number[] = [];
  const dot: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let d = 0;
      if (i !== j) {
        for (const [t, c] of counts[i]!) {
          const other = counts[j]!.get(t) ?? 0;
          s += c * other;
          d += c * other * idf[t]! * idf[t]!;
        }
      }
      shared.push(s);
      dot.push(d);
    }
  }
  return { shared, dot };
}

describe('pairStats', () => {
  it('matches brute force, with dot products computed lazily even after another document', () => {
    const doc = buildDocument('Floods closed the road. The road reopened after floods. Schools stay shut. Floods, floods and roads.');
    const stats = pairStats(doc);
    pairStats(buildDocument('A different text about markets. Markets fell sharply.')); // reuses scratch buffers
    const expected = bruteForce(doc, stats.idf);
    expect([...stats.sharedCounts]).toEqual(expected.shared);
    expect([...stats.dot].map((x) => x.toFixed(9))).toEqual(expected.dot.map((x) => x.toFixed(9)));
    expect(stats.dot).toBe(stats.dot); // computed once
    const n = stats.n;
    expect(stats.df[doc.sentences[0]!.terms[0]!]).toBe(3); // "floods" in three sentences
    expect(stats.idf[doc.sentences[0]!.terms[0]!]).toBeCloseTo(Math.log((n + 1) / 3.5), 12);
  });

  it('handles empty and single-sentence documents', () => {
    expect(pairStats(buildDocument('')).n).toBe(0);
    const one = pairStats(buildDocument('Only one sentence here.'));
    expect([...one.sharedCounts]).toEqual([0]);
    expect([...one.dot]).toEqual([0]);
  });
});

describe('directedStatistics', () => {
  it('sums sumy edge weights to later and earlier sentences exactly as the full matrix does', () => {
    const doc = buildDocument('Floods closed the road. The road reopened after floods. Schools stay shut. Floods, floods and roads. Schools reopened.');
    pairStats(buildDocument('Scratch buffers from a longer, different document. It has more sentences. Many more. Truly.'));
    const stats = pairStats(doc);
    const n = stats.n;
    const logLength = doc.sentences.map((s) => Math.log(Math.max(1, s.terms.length)));
    const later = new Array<number>(n).fill(0);
    const earlier = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const shared = stats.sharedCounts[i * n + j]!;
        if (shared === 0) continue;
        const weight = shared / (logLength[i]! + logLength[j]!);
        later[i]! += weight;
        earlier[j]! += weight;
      }
    }
    const directed = directedStatistics(doc);
    expect([...directed.later.subarray(0, n)]).toEqual(later);
    expect([...directed.earlier.subarray(0, n)]).toEqual(earlier);
    expect([...directed.norms.subarray(0, n)]).toEqual([...stats.norms]);
    expect([...directed.idf.subarray(0, doc.vocabularySize)]).toEqual([...stats.idf]);
    expect(later.some((w) => w > 0) && earlier.some((w) => w > 0)).toBe(true);
  });
});
