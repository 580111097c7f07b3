/**
 * Digest delivery speed: posts one digest to each of N subscribed channels (default 1,000) through
 * discord.js's REST queue against the fake Discord, and prints the time next to the floor set by
 * Discord's global limit of 50 requests per second (channels x messages per digest / 50).
 * Usage: npm run bench:digest [-- channels [articlesPerDigest]]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REST } from 'discord.js';
import { importPaths } from '../../src/articles/import.ts';
import { SqliteArticleStore } from '../../src/articles/store-sqlite.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createDigestFeature } from '../../src/digest/feature.ts';
import { silentLogger } from '../../src/log.ts';
import { summarize } from '../../src/summarizer/summarize.ts';
import { FakeDiscord } from '../e2e/fake-discord/index.ts';

const channels = Number(process.argv[2] ?? 1000);
const articlesPerDigest = Number(process.argv[3] ?? 5);
const token = 'bench-token-digest.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789';
const guildId = '200000000000000099';
const globalLimitPerSecond = 50;
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const channelIds = Array.from({ length: channels }, (_, i) => String(400000000000000000n + BigInt(i)));
const fake = await FakeDiscord.start({
  token,
  log: () => undefined,
  guilds: [{ id: guildId, name: 'Bench', channels: channelIds.map((id, i) => ({ id, name: `news-${i}` })) }],
});
const dir = mkdtempSync(join(tmpdir(), 'briefbot-bench-digest-'));
try {
  const db = openDatabase(join(dir, 'bench.db'));
  const articles = new SqliteArticleStore(db);
  await importPaths(articles, [join(repoRoot, 'samples')]);
  const rest = new REST({ api: fake.apiBase }).setToken(token);
  // A clock 30 s after 09:00 UTC, with every subscription made the hour before.
  let now = new Date('2024-06-03T08:00:00Z');
  const digest = createDigestFeature({ db, articles, summarize, logger: silentLogger, rest, now: () => now });
  db.transaction(() => {
    for (const channelId of channelIds) {
      digest.subscriptions.subscribe({
        guildId,
        channelId,
        time: { hour: 9, minute: 0 },
        timeZone: 'UTC',
        maxArticles: articlesPerDigest,
        notifyEmpty: false,
        createdBy: null,
      });
    }
  })();
  now = new Date('2024-06-03T09:00:30Z');
  const started = performance.now();
  const results = await digest.scheduler.catchUp();
  const seconds = (performance.now() - started) / 1000;

  const posted = results.filter((r) => r.status === 'posted').length;
  const tally = new Map<string, number>();
  for (const result of results) {
    const key = 'reason' in result ? `${result.status} (${result.reason})` : result.status;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  if (posted < channels) console.log(`[bench] digest: outcomes ${JSON.stringify(Object.fromEntries(tally))}`);
  const messages = channelIds.reduce((sum, id) => sum + fake.messages(id).length, 0);
  const perDigest = messages / Math.max(1, posted);
  const floor = messages / globalLimitPerSecond;
  console.log(`[bench] digest: ${articles.count()} stored articles, ${articlesPerDigest} per digest`);
  console.log(`[bench] digest: ${posted}/${channels} channels posted, ${messages} messages (${perDigest.toFixed(2)} per digest)`);
  console.log(`[bench] digest: ${seconds.toFixed(1)} s  (${(messages / seconds).toFixed(1)} msg/s)`);
  console.log(
    `[bench] digest: lower bound at Discord's global ${globalLimitPerSecond}/s: ${floor.toFixed(1)} s  -> ${(seconds / floor).toFixed(2)}x the floor`,
  );
  const doubled = channelIds.filter((id) => fake.messages(id).length > perDigest).length;
  console.log(`[bench] digest: channels with more messages than one digest: ${doubled}`);
  await digest.stop();
  db.close();
} finally {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
}
