/**
 * Bot latency and memory with 100,000 stored articles.
 *
 * 1. Generates synthetic articles (~3 KB each) into a temporary SQLite file in one transaction.
 * 2. In a fresh child process (so generation does not colour its memory), opens that store as the
 *    bot does and measures interaction handling (received -> response sent) through the router with
 *    a recording responder, for /summary and autocomplete: p50 and p99. Aims: /summary p99 < 50 ms,
 *    autocomplete p99 < 20 ms.
 * 3. A smaller run through the fake Discord (real discord.js client, loopback HTTP + gateway).
 * 4. The child's peak RSS (aim < 250 MB).
 *
 * Usage: npm run bench:bot [-- --articles 100000 --runs 2000 --db path/to/keep.db]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NewArticle } from '../../src/articles/types.ts';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? (argv[index + 1] ?? fallback) : fallback;
};
const repoRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..');

/** Small deterministic PRNG (mulberry32), so every run stores the same articles. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = (
  'government minister president market economy company shares growth report officials said week year ' +
  'talks agreement defense trade energy prices policy election voters campaign court ruling investigation ' +
  'police city council hospital health research scientists climate weather storm football season coach ' +
  'players league record technology software phones internet security data privacy bank interest rates ' +
  'inflation budget tax workers union strike school students teachers film music festival award'
).split(' ');
const firstNames = 'Anna Boris Carla David Elena Farid Grace Hiro Ines Jonas Kemal Lena Marco Nadia Omar Priya'.split(' ');
const lastNames = 'Larsen Okafor Novak Schmidt Tanaka Haddad Moreau Costa Ivanova Brennan Silva Kowalski'.split(' ');

function syntheticArticle(random: () => number, index: number): NewArticle {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const sentence = (n: number): string => {
    const body = Array.from({ length: n }, () => pick(words)).join(' ');
    return body.charAt(0).toUpperCase() + body.slice(1) + '.';
  };
  const title = `${sentence(6 + Math.floor(random() * 5)).slice(0, -1)} ${index}`;
  const paragraphs: string[] = [];
  let length = 0;
  while (length < 2800 + random() * 400) {
    const speaker = `${pick(firstNames)} ${pick(lastNames)}`;
    const paragraph =
      random() < 0.3
        ? `"${sentence(10 + Math.floor(random() * 8)).slice(0, -1)}," said ${speaker}, a ${pick(words)} official. ${sentence(14)}`
        : `${sentence(12 + Math.floor(random() * 10))} ${sentence(10 + Math.floor(random() * 10))} ${sentence(8)}`;
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  const text = paragraphs.join('\n\n');
  return {
    title,
    source: `synthetic/${index}.txt`,
    byline: `${pick(firstNames)} ${pick(lastNames)}`,
    publishedAt: new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString(),
    rawText: text,
    cleanText: text,
  };
}

async function generate(path: string, count: number): Promise<void> {
  const { SqliteArticleStore } = await import('../../src/articles/store-sqlite.ts');
  const store = SqliteArticleStore.open(path);
  const existing = store.count();
  if (existing >= count) {
    console.log(`[bot-latency] reusing ${existing} articles in ${path}`);
    store.close();
    return;
  }
  const started = performance.now();
  const random = prng(42);
  const chunk = 2000;
  // One transaction for all (better-sqlite3 nests addMany's own transactions as savepoints);
  // chunks keep the generator's memory small.
  store.db.transaction(() => {
    for (let done = existing; done < count; done += chunk) {
      const batch = Array.from({ length: Math.min(chunk, count - done) }, (_, i) => syntheticArticle(random, done + i));
      store.addMany(batch);
    }
  })();
  const seconds = (performance.now() - started) / 1000;
  console.log(`[bot-latency] stored ${store.count()} synthetic articles (~3 KB each) in ${seconds.toFixed(1)} s`);
  store.close();
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function describe(label: string, samples: number[], aimMs?: number): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const aim = aimMs === undefined ? '' : `  (aim p99 < ${aimMs} ms: ${p99 < aimMs ? 'met' : 'NOT met'})`;
  return `${label.padEnd(36)} n=${String(samples.length).padStart(5)}  p50 ${p50.toFixed(2).padStart(7)} ms  p99 ${p99.toFixed(2).padStart(7)} ms  max ${sorted.at(-1)!.toFixed(1)} ms${aim}`;
}

/** The child: the bot's own view of the store. */
async function measure(path: string, runs: number, discordRuns: number): Promise<void> {
  const { SqliteArticleStore } = await import('../../src/articles/store-sqlite.ts');
  const { createBriefService } = await import('../../src/briefs/service.ts');
  const { createRouter } = await import('../../src/discord/router.ts');
  const { commands } = await import('../../commands/index.ts');
  const { silentLogger } = await import('../../src/log.ts');
  const { summarize } = await import('../../src/summarizer/summarize.ts');

  const store = SqliteArticleStore.open(path);
  const total = store.count();
  const router = createRouter(commands, { store, briefs: createBriefService({ store, summarize }), logger: silentLogger, clock: () => new Date() });
  const actor = { userId: '100000000000000001', guildId: '200000000000000001', permissions: 0n };
  const random = prng(7);
  const noop = async (): Promise<void> => undefined;

  const summaryOnce = async (reference: string): Promise<number> => {
    const started = performance.now();
    let answeredAt = NaN;
    const done = async (): Promise<void> => {
      answeredAt = performance.now();
    };
    await router.handle({
      kind: 'chat-input',
      commandName: 'summary',
      options: { article: reference },
      actor,
      responder: { reply: done, edit: done, followUp: done, defer: noop, deleteReply: noop },
    });
    return answeredAt - started;
  };
  const autocompleteOnce = async (text: string): Promise<number> => {
    const started = performance.now();
    let answeredAt = NaN;
    await router.handle({
      kind: 'autocomplete',
      commandName: 'summary',
      focused: { name: 'article', value: text },
      options: {},
      actor,
      respond: async () => {
        answeredAt = performance.now();
      },
    });
    return answeredAt - started;
  };
  const typed = (): string => {
    const first = words[Math.floor(random() * words.length)] as string;
    const second = words[Math.floor(random() * words.length)] as string;
    const partial = second.slice(0, 2 + Math.floor(random() * (second.length - 1)));
    return random() < 0.5 ? first.slice(0, 3 + Math.floor(random() * 3)) : `${first} ${partial}`;
  };

  // Warm-up: JIT, SQLite page cache.
  for (let i = 0; i < 50; i += 1) {
    await summaryOnce(String(1 + Math.floor(random() * total)));
    await autocompleteOnce(typed());
  }
  const rssAfterWarmup = process.memoryUsage().rss;

  const byId: number[] = [];
  const byText: number[] = [];
  const complete: number[] = [];
  for (let i = 0; i < runs; i += 1) byId.push(await summaryOnce(String(1 + Math.floor(random() * total))));
  for (let i = 0; i < Math.floor(runs / 4); i += 1) byText.push(await summaryOnce(typed()));
  for (let i = 0; i < runs; i += 1) complete.push(await autocompleteOnce(typed()));

  console.log(`[bot-latency] router with a recording responder, ${total} articles stored:`);
  console.log(describe('/summary (picked id, cache miss)', byId, 50));
  console.log(describe('/summary (typed text -> search)', byText, 50));
  console.log(describe('autocomplete (title/body prefix)', complete, 20));

  // Through the fake Discord: a real discord.js client, HTTP and gateway on 127.0.0.1.
  const { FakeDiscord } = await import('../e2e/fake-discord/index.ts');
  const { startDiscordBot } = await import('../../src/discord/client.ts');
  const token = 'bench.fake-token.0123456789abcdef';
  const discord = await FakeDiscord.start({ token, log: () => undefined, guilds: [{ id: '200000000000000001', name: 'Bench', channels: [{ id: '300000000000000001', name: 'news' }] }] });
  const bot = await startDiscordBot({ token, apiBase: discord.apiBase, router, logger: silentLogger });
  await discord.waitForReady();
  const viaDiscordSummary: number[] = [];
  const viaDiscordComplete: number[] = [];
  for (let i = 0; i < discordRuns; i += 1) {
    const outcome = await discord.sendCommand({ name: 'summary', options: [{ name: 'article', type: 3, value: String(1 + Math.floor(random() * total)) }], settleMs: 0 });
    if (outcome.callback) viaDiscordSummary.push(outcome.callback.latencyMs);
    const started = performance.now();
    await discord.sendAutocomplete({ name: 'summary', options: [{ name: 'article', type: 3, value: typed(), focused: true }] });
    viaDiscordComplete.push(performance.now() - started);
  }
  await bot.stop();
  await discord.stop();
  console.log('[bot-latency] through the fake Discord (gateway dispatch -> HTTP callback received):');
  console.log(describe('/summary', viaDiscordSummary));
  console.log(describe('autocomplete (round trip)', viaDiscordComplete));

  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `[bot-latency] bot memory with ${total} articles stored: RSS after warm-up ${(rssAfterWarmup / 2 ** 20).toFixed(0)} MB, ` +
      `peak RSS ${peakMb.toFixed(0)} MB (aim < 250 MB: ${peakMb < 250 ? 'met' : 'NOT met'})`,
  );
  store.close();
}

async function main(): Promise<void> {
  const runs = Number(arg('runs', '2000'));
  const discordRuns = Number(arg('discord-runs', '200'));
  if (argv[0] === '--measure') {
    await measure(argv[1] ?? '', runs, discordRuns);
    return;
  }
  const count = Number(arg('articles', '100000'));
  const kept = argv.includes('--db') ? resolve(arg('db', '')) : null;
  const dir = kept ? null : mkdtempSync(join(tmpdir(), 'briefbot-bench-bot-'));
  const path = kept ?? join(dir!, 'bench.db');
  try {
    await generate(path, count);
    const tsx = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const child = spawnSync(process.execPath, [tsx, fileURLToPath(import.meta.url), '--measure', path, '--runs', String(runs), '--discord-runs', String(discordRuns)], {
      stdio: 'inherit',
      cwd: repoRoot,
    });
    if (child.status !== 0) process.exitCode = 1;
  } finally {
    if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
