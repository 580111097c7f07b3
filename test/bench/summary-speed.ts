/**
 * Summarizer speed on one core: articles/s, MB/s, median and p99 latency per article and peak RSS
 * over the dev set, with the npm summarizer ts-textrank 1.0.3 on the identical article list in the
 * same process, and the ratio against the 20x target. "Briefbot" is the whole call as the bot uses
 * it: summarize() (sentences, headline, keywords) plus reading Summary.quotes (key quotes). Rounds
 * of the two summarizers alternate after a warm-up, so load drift on a shared machine hits both
 * alike; each round lasts at least half a second (several passes over the list for Briefbot); each
 * figure is from the median round. Also times one 5,000-word article and a 10 MB input.
 * Usage: npm run bench:speed  (ROUNDS=n to change the number of rounds)
 */
import { AbsoluteSummarizerConfig, DefaultTextParser, NullLogger, SorensenDiceSimilarity, Summarizer } from 'ts-textrank';
import { summarize } from '../../src/summarizer/summarize.ts';
import { readJsonl, sharedDataFile } from './shared-data.ts';

interface Item {
  readonly text: string;
  readonly source?: string;
}

interface Round {
  /** Wall and CPU seconds of one pass over the article list (the round's mean). */
  readonly seconds: number;
  readonly cpuSeconds: number;
  /** Per-article latencies in ms over all the round's passes, ascending. */
  readonly latencies: Float64Array;
  /** Per-article mean latencies in ms, in article order. */
  readonly byArticle: Float64Array;
}

const TARGET_RATIO = 20;
const ROUNDS = Math.max(1, Number(process.env['ROUNDS'] ?? 5));

let peakRss = 0;
function sampleRss(): void {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}

/**
 * A round runs the article list again until it has lasted this long, for both summarizers alike:
 * a round of one pass would last ~30 ms for Briefbot against ~600 ms for ts-textrank, and a
 * millisecond of machine noise would weigh twenty times more on the shorter one.
 */
const MIN_ROUND_MS = 500;

/** One round: seconds and CPU seconds per pass over the list, latencies over all its passes. */
function timeRound(texts: readonly string[], run: (text: string) => unknown): Round {
  const passLatencies: Float64Array[] = [];
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  do {
    const latencies = new Float64Array(texts.length);
    for (let i = 0; i < texts.length; i++) {
      const t0 = performance.now();
      run(texts[i]!);
      latencies[i] = performance.now() - t0;
    }
    passLatencies.push(latencies);
  } while (performance.now() - started < MIN_ROUND_MS);
  const passes = passLatencies.length;
  const seconds = (performance.now() - started) / 1000 / passes;
  const cpu = process.cpuUsage(cpu0);
  sampleRss();
  const byArticle = new Float64Array(texts.length);
  const all = new Float64Array(passes * texts.length);
  passLatencies.forEach((latencies, pass) => {
    all.set(latencies, pass * texts.length);
    for (let i = 0; i < texts.length; i++) byArticle[i]! += latencies[i]! / passes;
  });
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 / passes, byArticle, latencies: all.sort() };
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? 0;
}

function medianRound(rounds: readonly Round[]): Round {
  const sorted = [...rounds].sort((a, b) => a.seconds - b.seconds);
  return sorted[sorted.length >> 1]!;
}

function timeMs(repeats: number, run: () => unknown): { best: number; median: number } {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return { best: Math.min(...times), median: median(times) };
}

function main(): void {
  const path = sharedDataFile('summarization-dev.jsonl');
  if (path === null) return;
  const items = readJsonl<Item>(path);
  const texts = items.map((item) => item.text);
  const megabytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1e6;
  const textRank = new Summarizer(
    new AbsoluteSummarizerConfig(3, new SorensenDiceSimilarity(), new DefaultTextParser(), 0.85, Summarizer.SORT_OCCURENCE),
    new NullLogger(),
  );
  // Reading .quotes runs the key-quote finder (Summary.quotes is computed on first read).
  const briefbot = (text: string): unknown => {
    const summary = summarize(text, { sentences: 3 });
    return summary.headline.length + summary.keywords.length + summary.quotes.length;
  };
  const briefbotNoQuotes = (text: string): unknown => summarize(text, { sentences: 3 }).sentences;
  const peer = (text: string): unknown => textRank.summarize(text, 'en');

  // Warm-up: JIT, token table, stem cache.
  for (let i = 0; i < 3; i++) timeRound(texts, briefbot);
  timeRound(texts, briefbotNoQuotes);
  timeRound(texts, peer);

  const ours: Round[] = [];
  const oursNoQuotes: Round[] = [];
  const theirs: Round[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    ours.push(timeRound(texts, briefbot));
    theirs.push(timeRound(texts, peer));
    oursNoQuotes.push(timeRound(texts, briefbotNoQuotes));
  }
  const a = medianRound(ours);
  const b = medianRound(theirs);
  const c = medianRound(oursNoQuotes);

  const row = (name: string, r: Round): string =>
    `| ${name} | ${(texts.length / r.seconds).toFixed(0)} | ${(megabytes / r.seconds).toFixed(2)} | ${quantile(r.latencies, 0.5).toFixed(3)} | ${quantile(r.latencies, 0.99).toFixed(2)} | ${((r.cpuSeconds * 1e6) / texts.length).toFixed(0)} |`;
  console.log(`Summary speed, ${texts.length} dev articles (${megabytes.toFixed(2)} MB), 3 sentences, one thread; median of ${ROUNDS} alternating rounds after warm-up`);
  console.log('| summarizer | articles/s | MB/s | median ms | p99 ms | CPU us/article |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  console.log(row('Briefbot (sentences + headline + keywords + key quotes)', a));
  console.log(row('ts-textrank 1.0.3', b));
  console.log(row('Briefbot without key quotes', c));
  const ratio = b.seconds / a.seconds;
  const cpuRatio = b.cpuSeconds / a.cpuSeconds;
  // Per source (mean wall latency per article in the median round): where the time goes.
  const sources = [...new Set(items.map((item) => item.source ?? 'all'))];
  const meanUs = (r: Round, source: string): number => {
    let sum = 0;
    let count = 0;
    items.forEach((item, i) => {
      if ((item.source ?? 'all') !== source) return;
      sum += r.byArticle[i]!;
      count++;
    });
    return count === 0 ? 0 : (1000 * sum) / count;
  };
  for (const source of sources) {
    const withQuotes = meanUs(a, source);
    const withoutQuotes = meanUs(c, source);
    const peerUs = meanUs(b, source);
    console.log(`${source}: Briefbot ${withQuotes.toFixed(0)} us/article (summary ${withoutQuotes.toFixed(0)} + key quotes ~${(withQuotes - withoutQuotes).toFixed(0)}), ts-textrank ${peerUs.toFixed(0)} us, ratio ${(peerUs / withQuotes).toFixed(1)}x`);
  }
  console.log(`Briefbot / ts-textrank: ${ratio.toFixed(1)}x articles per second (target >= ${TARGET_RATIO}x: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}); by CPU time ${cpuRatio.toFixed(1)}x; without key quotes ${(b.seconds / c.seconds).toFixed(1)}x`);

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
  for (let i = 0; i < 5; i++) briefbot(longArticle);
  const long = timeMs(30, () => briefbot(longArticle));
  console.log(`5,000-word article: median ${long.median.toFixed(2)} ms, best ${long.best.toFixed(2)} ms (target < 10 ms)`);

  let huge = '';
  for (const text of texts) {
    if (huge.length >= 10_000_000) break;
    huge += `${text}\n`;
  }
  while (huge.length < 10_000_000) huge += huge;
  huge = huge.slice(0, 10_000_000);
  briefbot(huge);
  const big = timeMs(5, () => briefbot(huge));
  console.log(`10 MB input: median ${big.median.toFixed(0)} ms, best ${big.best.toFixed(0)} ms (target < 2000 ms)`);
  sampleRss();
  console.log(`peak RSS: ${(peakRss / 1e6).toFixed(0)} MB`);
}

main();
