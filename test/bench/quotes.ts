/**
 * Quotes benchmark on ../shared/data/quotes-dev.jsonl (PolNeAR train, direct quotes only).
 *
 * Quote text, scored per paragraph part (gold pairs quote marks within a paragraph, so a quotation
 * that spans paragraphs is compared part by part); parts under 2 words are dropped on both sides,
 * as the gold set drops them. One-to-one greedy matching.
 *   strict:  same trimmed character span (the same verbatim text at the same place)
 *   lenient: the spans overlap by at least half of each one's length
 * Speaker, on lenient matches: gold = the annotated source, or for a pronoun its automatic
 * `speaker_resolved` (pronouns without one cannot be judged and are left out of both figures).
 *   head-word rule: the predicted speaker shares a content word (not a title or function word) with gold
 *                   (phrases of title and function words only must be equal after normalizing)
 *   surname rule:   the predicted speaker's last content word (its surname or head) occurs in gold
 *   precision = correct / predicted non-null, recall = correct / judged gold.
 *
 *   npm run bench:quotes [-- --sample [N] [--seed S]]
 */
import { performance } from 'node:perf_hooks';
import { findQuoteSpans, findQuotes, type TextRange } from '../../src/summarizer/quotes.ts';
import { readJsonl, sharedDataFile } from './shared-data.ts';

interface GoldQuote {
  quote: string;
  speaker: string;
  quote_start: number;
  quote_end: number;
  speaker_resolved: string | null;
  kind: string;
}
interface Article {
  id: string;
  text: string;
  quotes: GoldQuote[];
}

interface Part extends TextRange {
  readonly speaker: string | null;
}

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'i', 'we', 'you', 'who', 'which', 'him', 'her', 'his', 'them', 'that', 'this']);
const NON_CONTENT = new Set(
  'the a an of for and in on at to by from with mr mrs ms dr sen rep gov gen president secretary senator candidate former spokesman spokeswoman republican democratic presidential nominee campaign said'.split(' '),
);

function contentWords(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^a-z0-9\u00c0-\u024f]+/)
    .filter((w) => w.length >= 2 && !NON_CONTENT.has(w));
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function trimRange(text: string, start: number, end: number): TextRange {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  return { start: s, end: e };
}

function overlap(a: TextRange, b: TextRange): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

function lenientMatch(a: TextRange, b: TextRange): boolean {
  const o = overlap(a, b);
  return o * 2 >= a.end - a.start && o * 2 >= b.end - b.start;
}

/** Gold speaker to judge against, or null when it cannot be judged (unresolved pronoun). */
function judgedGoldSpeaker(q: GoldQuote): string | null {
  const speaker = q.speaker.trim();
  if (PRONOUNS.has(speaker.toLowerCase())) return q.speaker_resolved;
  return speaker;
}

function normalized(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

function speakerHeadMatch(predicted: string, gold: string): boolean {
  // Only function or title words ("the Republican presidential candidate"): compare the whole phrase.
  if (contentWords(predicted).length === 0 || contentWords(gold).length === 0) return normalized(predicted) === normalized(gold);
  const g = new Set(contentWords(gold));
  return contentWords(predicted).some((w) => g.has(w));
}

function speakerSurnameMatch(predicted: string, gold: string): boolean {
  const p = contentWords(predicted);
  const g = contentWords(gold);
  return p.length > 0 && g.includes(p[p.length - 1] as string);
}

interface Counts {
  gold: number;
  predicted: number;
  strict: number;
  lenient: number;
  judged: number;
  judgedPredicted: number;
  headCorrect: number;
  surnameCorrect: number;
  judgedAllGold: number;
  /** The same figures for gold speakers that are pronouns (judged against the automatic resolution). */
  pronounJudged: number;
  pronounPredicted: number;
  pronounCorrect: number;
}

function predictedParts(text: string): Part[] {
  const parts: Part[] = [];
  for (const q of findQuoteSpans(text)) {
    for (const p of q.parts) {
      if (words(text.slice(p.start, p.end)) >= 2) parts.push({ ...p, speaker: q.speaker });
    }
  }
  return parts;
}

/** The bare baseline: text between paired double marks within a line. */
function baselineParts(text: string): Part[] {
  const parts: Part[] = [];
  for (const m of text.matchAll(/[“"]([^“”"\n]*)[”"]/g)) {
    const r = trimRange(text, (m.index ?? 0) + 1, (m.index ?? 0) + 1 + (m[1] as string).length);
    if (words(text.slice(r.start, r.end)) >= 2) parts.push({ ...r, speaker: null });
  }
  return parts;
}

function score(articles: readonly Article[], predict: (text: string) => Part[], samples?: string[][]): Counts {
  const c: Counts = { gold: 0, predicted: 0, strict: 0, lenient: 0, judged: 0, judgedPredicted: 0, headCorrect: 0, surnameCorrect: 0, judgedAllGold: 0, pronounJudged: 0, pronounPredicted: 0, pronounCorrect: 0 };
  for (const article of articles) {
    const gold = article.quotes.map((q) => ({ q, range: trimRange(article.text, q.quote_start, q.quote_end) }));
    const predicted = predict(article.text);
    c.gold += gold.length;
    c.predicted += predicted.length;
    const usedStrict = new Set<number>();
    for (const g of gold) {
      const i = predicted.findIndex((p, k) => !usedStrict.has(k) && p.start === g.range.start && p.end === g.range.end);
      if (i >= 0) {
        usedStrict.add(i);
        c.strict++;
      }
    }
    const used = new Set<number>();
    for (const g of gold) {
      const goldSpeaker = judgedGoldSpeaker(g.q);
      if (goldSpeaker !== null) c.judgedAllGold++;
      const i = predicted.findIndex((p, k) => !used.has(k) && lenientMatch(p, g.range));
      if (i < 0) continue;
      used.add(i);
      c.lenient++;
      const p = predicted[i] as Part;
      if (goldSpeaker === null) continue;
      const pronounGold = PRONOUNS.has(g.q.speaker.trim().toLowerCase());
      c.judged++;
      if (pronounGold) c.pronounJudged++;
      if (p.speaker === null) continue;
      c.judgedPredicted++;
      if (pronounGold) c.pronounPredicted++;
      const head = speakerHeadMatch(p.speaker, goldSpeaker);
      if (head) c.headCorrect++;
      if (head && pronounGold) c.pronounCorrect++;
      if (speakerSurnameMatch(p.speaker, goldSpeaker)) c.surnameCorrect++;
      samples?.push([head ? 'ok ' : 'BAD', p.speaker, `${g.q.speaker}${g.q.speaker_resolved ? ` (${g.q.speaker_resolved})` : ''}`, article.id, String(p.start), String(p.end)]);
    }
  }
  return c;
}

const pct = (n: number, d: number): string => (d === 0 ? '  n/a' : (n / d).toFixed(3));
const row = (label: string, value: string, target: string): string => `  ${label.padEnd(44)} ${value.padStart(6)}   ${target}`;

function report(name: string, c: Counts, withSpeakers: boolean): void {
  console.log(`\n${name}: ${c.gold} gold quote parts, ${c.predicted} predicted`);
  console.log(row('quote precision, strict (same span)', pct(c.strict, c.predicted), ''));
  console.log(row('quote recall,    strict (same span)', pct(c.strict, c.gold), ''));
  console.log(row('quote precision, lenient (>= half overlap)', pct(c.lenient, c.predicted), 'target >= 0.95'));
  console.log(row('quote recall,    lenient (>= half overlap)', pct(c.lenient, c.gold), 'target >= 0.95'));
  if (!withSpeakers) return;
  console.log(`  speakers judged on ${c.judged} matched quotes (unresolved pronoun gold left out)`);
  console.log(row('speaker precision, head-word rule', pct(c.headCorrect, c.judgedPredicted), 'target >= 0.90'));
  console.log(row('speaker recall,    head-word rule', pct(c.headCorrect, c.judged), 'target >= 0.80'));
  console.log(row('speaker precision, surname-in-gold rule', pct(c.surnameCorrect, c.judgedPredicted), ''));
  console.log(row('speaker recall,    surname-in-gold rule', pct(c.surnameCorrect, c.judged), ''));
  console.log(row('speaker recall end to end (all judged gold)', pct(c.headCorrect, c.judgedAllGold), ''));
  const named = { p: c.judgedPredicted - c.pronounPredicted, ok: c.headCorrect - c.pronounCorrect, n: c.judged - c.pronounJudged };
  console.log(`  split by gold speaker kind, head-word rule:`);
  console.log(row(`  gold is a name or nominal (${named.n}): precision`, pct(named.ok, named.p), ''));
  console.log(row(`                                     recall`, pct(named.ok, named.n), ''));
  console.log(row(`  gold is a pronoun (${c.pronounJudged}, auto-resolved): precision`, pct(c.pronounCorrect, c.pronounPredicted), ''));
  console.log(row(`                                     recall`, pct(c.pronounCorrect, c.pronounJudged), ''));
}

function throughput(articles: readonly Article[]): void {
  const bytes = articles.reduce((n, a) => n + Buffer.byteLength(a.text), 0);
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    for (const a of articles) findQuotes(a.text);
    runs.push(performance.now() - t0);
  }
  const best = Math.min(...runs);
  console.log(`\nthroughput: ${articles.length} articles (${(bytes / 1e6).toFixed(1)} MB) in ${runs.map((r) => r.toFixed(0)).join(' / ')} ms -> ${((articles.length / best) * 1000).toFixed(0)} articles/s, ${(bytes / 1e6 / (best / 1000)).toFixed(1)} MB/s (best of 3)`);
  const big = articles.map((a) => a.text).join('\n\n');
  const tenMb = big.repeat(Math.ceil(10e6 / big.length)).slice(0, 10_000_000);
  const t0 = performance.now();
  const n = findQuotes(tenMb).length;
  console.log(`one 10 MB input: ${(performance.now() - t0).toFixed(0)} ms, ${n} quotes (target well under 1 s)`);
}

function sample(articles: readonly Article[], samples: string[][], size: number, seed: number): void {
  const byId = new Map(articles.map((a) => [a.id, a]));
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const picked = [...samples];
  for (let i = picked.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [picked[i], picked[j]] = [picked[j] as string[], picked[i] as string[]];
  }
  console.log(`\nsample of ${size} attributed quotes (predicted | gold), with context:`);
  for (const [verdict, predicted, gold, id, s, e] of picked.slice(0, size)) {
    const text = byId.get(id as string)?.text ?? '';
    const start = Number(s);
    const end = Number(e);
    const context = `${text.slice(Math.max(0, start - 160), start)}[[${text.slice(start, Math.min(end, start + 120))}${end - start > 120 ? '…' : ''}]]${text.slice(end, end + 80)}`;
    console.log(`\n${verdict} predicted=${predicted} | gold=${gold}   (${id})\n  ${context.replace(/\n/g, ' ¶ ')}`);
  }
}

function main(): void {
  const path = sharedDataFile('quotes-dev.jsonl');
  if (path === null) return;
  const articles = readJsonl<Article>(path);
  const args = process.argv.slice(2);
  const sampleAt = args.indexOf('--sample');
  const seedAt = args.indexOf('--seed');
  const samples: string[][] = [];
  console.log('quotes benchmark: quotes-dev.jsonl (PolNeAR train, direct quotes), findQuotes = all quotations');
  report('bare regex baseline', score(articles, baselineParts), false);
  report('findQuotes', score(articles, predictedParts, samples), true);
  throughput(articles);
  if (sampleAt >= 0) {
    const size = Number(args[sampleAt + 1]) > 0 ? Number(args[sampleAt + 1]) : 30;
    sample(articles, samples, size, seedAt >= 0 ? Number(args[seedAt + 1]) : 1);
  }
}

main();
