/**
 * Cleaning benchmark (npm run bench:clean).
 *
 * Metric: the article-extraction-benchmark's shingle matching (scrapinghub/article-extraction-benchmark,
 * reimplemented here): `\w+` tokens (Unicode, like Python's re), 4-token shingles, TP/FP/FN over shingle
 * multisets normalized by TP+FP+FN per page; precision and recall are averaged over pages and
 * F1 = 2PR/(P+R) of those averages.
 *
 * Parts:
 *  - text-only: noisy-dev.jsonl `raw_text` and `raw_text_inner` -> cleanArticleText -> vs `clean_text`
 *  - HTML: extraction-dev/*.html.gz -> extractArticleFromHtml -> vs ground-truth `articleBody`, plus the
 *    benchmark's baseline tools scored with the same metric.
 * Set BENCH_VERBOSE=1 to print per-page figures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { cleanArticleText } from '../../src/articles/clean.ts';
import { extractArticleFromHtml } from '../../src/articles/extract-html.ts';
import { readJsonl, sharedDataFile } from './shared-data.ts';

type PageCounts = readonly [tp: number, fp: number, fn: number];

interface Scores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

// Python's `\w` on str: alphanumerics (letters and all numeric categories) plus underscore.
const WORD_TOKEN = /[\p{L}\p{N}_]+/gu;
const SHINGLE_SIZE = 4;

function shingleCounts(text: string): Map<string, number> {
  const tokens = text.match(WORD_TOKEN) ?? [];
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - SHINGLE_SIZE + 1);
  for (let i = 0; i < last; i++) {
    const shingle = tokens.slice(i, i + SHINGLE_SIZE);
    if (shingle.length === 0) continue;
    const key = shingle.join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function matchShingles(truth: string, predicted: string): PageCounts {
  const truthCounts = shingleCounts(truth);
  const predictedCounts = shingleCounts(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, predictedCount] of predictedCounts) {
    const truthCount = truthCounts.get(key) ?? 0;
    tp += Math.min(truthCount, predictedCount);
    fp += Math.max(0, predictedCount - truthCount);
  }
  for (const [key, truthCount] of truthCounts) {
    fn += Math.max(0, truthCount - (predictedCounts.get(key) ?? 0));
  }
  const total = tp + fp + fn;
  return total > 0 ? [tp / total, fp / total, fn / total] : [tp, fp, fn];
}

function precisionOf([tp, fp, fn]: PageCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recallOf([tp, fp, fn]: PageCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function scoresOf(pages: readonly PageCounts[]): Scores {
  const precision = mean(pages.filter(([tp, fp]) => tp + fp > 0).map(precisionOf));
  const recall = mean(pages.filter(([tp, , fn]) => tp + fn > 0).map(recallOf));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

function formatRow(name: string, scores: Scores, target?: number, extra = ''): string {
  const f = (value: number) => value.toFixed(3);
  const targetText = target === undefined ? '' : `  target F1 >= ${target.toFixed(2)} ${scores.f1 >= target ? 'MET' : 'NOT MET'}`;
  return `  ${name.padEnd(24)} P ${f(scores.precision)}  R ${f(scores.recall)}  F1 ${f(scores.f1)}${targetText}${extra}`;
}

const verbose = process.env['BENCH_VERBOSE'] === '1';

function reportVerbose(id: string, counts: PageCounts): void {
  if (verbose) console.log(`    ${id.slice(0, 8)} P ${precisionOf(counts).toFixed(3)} R ${recallOf(counts).toFixed(3)}`);
}

interface NoisyPage {
  readonly id: string;
  readonly raw_text: string;
  readonly raw_text_inner: string;
  readonly clean_text: string;
}

function benchTextOnly(): void {
  const path = sharedDataFile('noisy-dev.jsonl');
  if (path === null) return;
  const pages = readJsonl<NoisyPage>(path);
  console.log(`Text-only cleaning (${pages.length} pages of noisy-dev.jsonl)`);
  for (const variant of ['raw_text', 'raw_text_inner'] as const) {
    const rawCounts = pages.map((page) => matchShingles(page.clean_text, page[variant]));
    const cleanedCounts: PageCounts[] = [];
    const started = performance.now();
    const outputs = pages.map((page) => cleanArticleText(page[variant]).text);
    const seconds = (performance.now() - started) / 1000;
    if (verbose) console.log(`  [${variant}]`);
    pages.forEach((page, index) => {
      const counts = matchShingles(page.clean_text, outputs[index] ?? '');
      cleanedCounts.push(counts);
      reportVerbose(page.id, counts);
    });
    console.log(formatRow(`${variant} (raw dump)`, scoresOf(rawCounts)));
    console.log(
      formatRow(`${variant} cleaned`, scoresOf(cleanedCounts), 0.93, `  ${(pages.length / seconds).toFixed(0)} pages/s`),
    );
  }
}

interface TruthRow {
  readonly id: string;
  readonly url: string;
  readonly articleBody: string;
}

interface BaselineRow {
  readonly id: string;
  readonly tool: string;
  readonly articleBody: string;
}

function benchHtml(): void {
  const truthPath = sharedDataFile('extraction-dev/ground-truth.jsonl');
  if (truthPath === null) return;
  const truths = readJsonl<TruthRow>(truthPath);
  const folder = join(truthPath, '..');
  const htmlById = new Map(truths.map((row) => [row.id, gunzipSync(readFileSync(join(folder, `${row.id}.html.gz`))).toString('utf8')]));
  console.log(`HTML extraction (${truths.length} pages of extraction-dev)`);

  const started = performance.now();
  const outputs = truths.map((row) => extractArticleFromHtml(htmlById.get(row.id) ?? '', row.url).text);
  const seconds = (performance.now() - started) / 1000;
  if (verbose) console.log('  [html]');
  const counts = truths.map((row, index) => {
    const pageCounts = matchShingles(row.articleBody, outputs[index] ?? '');
    reportVerbose(row.id, pageCounts);
    return pageCounts;
  });
  console.log(formatRow('extractArticleFromHtml', scoresOf(counts), 0.97, `  ${(truths.length / seconds).toFixed(1)} pages/s`));

  const baselinePath = sharedDataFile('extraction-dev/baseline-outputs.jsonl');
  if (baselinePath === null) return;
  const bodyByToolAndId = new Map<string, Map<string, string>>();
  for (const row of readJsonl<BaselineRow>(baselinePath)) {
    const bodies = bodyByToolAndId.get(row.tool) ?? new Map<string, string>();
    bodies.set(row.id, row.articleBody ?? '');
    bodyByToolAndId.set(row.tool, bodies);
  }
  console.log('  baseline tools (same metric):');
  const ranked = [...bodyByToolAndId].map(([tool, bodies]) => ({
    tool,
    scores: scoresOf(truths.map((row) => matchShingles(row.articleBody, bodies.get(row.id) ?? ''))),
  }));
  ranked.sort((a, b) => b.scores.f1 - a.scores.f1);
  for (const { tool, scores } of ranked) console.log(formatRow(`  ${tool}`, scores));
}

benchTextOnly();
benchHtml();
