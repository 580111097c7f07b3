/**
 * The real bot stack (store, summarizer, router, commands, discord.js client) against the fake
 * Discord: registration, autocomplete, /summary, /quotes, /articles paging, errors, resume, DMs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { importPaths } from '../../src/articles/import.ts';
import { SqliteArticleStore } from '../../src/articles/store-sqlite.ts';
import type { Article } from '../../src/articles/types.ts';
import { createBriefService } from '../../src/briefs/service.ts';
import { openDatabase } from '../../src/db/database.ts';
import { startDiscordBot, type DiscordBot } from '../../src/discord/client.ts';
import { registerCommands, sqliteSettings } from '../../src/discord/deploy.ts';
import { createRouter, friendlyError } from '../../src/discord/router.ts';
import { createLogger } from '../../src/log.ts';
import { summarize } from '../../src/summarizer/summarize.ts';
import { FakeDiscord } from './fake-discord/index.ts';

const token = 'MTA5ODc2NTQzMjEwOTg3NjU0.GbotE2e.fake-token-value-for-tests-0123456789';
const guildId = '200000000000000021';
const channelId = '300000000000000021';
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'bot');

/** The SQLite store with a switch that makes the next read fail, to test error handling. */
class FlakyStore extends SqliteArticleStore {
  failNextGet = false;
  override get(id: number): Article | undefined {
    if (this.failNextGet) {
      this.failNextGet = false;
      throw new Error(`disk I/O error (token ${token})`);
    }
    return super.get(id);
  }
}

let dir: string;
let discord: FakeDiscord;
let store: FlakyStore;
let bot: DiscordBot | null = null;
const logLines: string[] = [];

async function startBot(): Promise<DiscordBot> {
  const logger = createLogger({ level: 'debug', secrets: [token], write: (line) => logLines.push(line) });
  const router = createRouter(commands, { store, briefs: createBriefService({ store, summarize }), logger, clock: () => new Date() });
  let registered!: () => void;
  const registration = new Promise<void>((resolve) => {
    registered = resolve;
  });
  const started = await startDiscordBot({
    token,
    apiBase: discord.apiBase,
    router,
    logger,
    onReady: async (applicationId, rest) => {
      await registerCommands({ rest, applicationId, guildId, definitions: router.definitions(), settings: sqliteSettings(store.db), logger });
      registered();
    },
  });
  await discord.waitForReady();
  await registration;
  return started;
}

function embedOf(outcome: { original: { embeds: { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string } }[] } | null }) {
  const embed = outcome.original?.embeds[0];
  if (!embed) throw new Error('no embed in the reply');
  return embed;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-bot-e2e-'));
  store = new FlakyStore(openDatabase(join(dir, 'bot.db')));
  const tally = await importPaths(store, [fixtures]);
  expect(tally.failed).toEqual([]);
  discord = await FakeDiscord.start({
    token,
    heartbeatIntervalMs: 500,
    log: () => undefined,
    guilds: [{ id: guildId, name: 'Newsroom', channels: [{ id: channelId, name: 'news' }] }],
  });
  bot = await startBot();
}, 30_000);

afterAll(async () => {
  await bot?.stop();
  await discord?.stop();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bot against the fake Discord', () => {
  it('registers its slash commands in the guild by bulk overwrite', () => {
    const registered = discord.registeredCommands(guildId);
    expect(registered.bulkOverwrites).toBe(1);
    expect(registered.commands.map((c) => c.name).sort()).toEqual(['articles', 'digest', 'help', 'quotes', 'summary']);
  });

  it('autocompletes "putin" with the seed article, then /summary answers within 3 s without scraped noise', async () => {
    const choices = await discord.sendAutocomplete({ name: 'summary', options: [{ name: 'article', type: 3, value: 'putin', focused: true }] });
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    const seed = choices[0]!;
    expect(String(seed.name)).toMatch(/Putin/);
    expect(String(seed.name).length).toBeLessThanOrEqual(100);

    const outcome = await discord.sendCommand({ name: 'summary', options: [{ name: 'article', type: 3, value: String(seed.value) }] });
    expect(outcome.callback?.type).toBe(4);
    expect(outcome.callback!.latencyMs).toBeLessThan(3000);
    expect(outcome.ephemeral).toBe(false);
    expect(outcome.original?.allowedMentions).toEqual({ parse: [] });
    const embed = embedOf(outcome);
    expect(embed.title).toMatch(/Putin/);
    const shown = [embed.title, embed.description, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])].join('\n');
    // The scraped page noise of the seed: a byline glued to a word, and "date time count view" lines.
    expect(shown).not.toMatch(/PrestonSunday/);
    expect(shown).not.toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(shown).not.toMatch(/\bview\b/);
    const speakers = (embed.fields ?? []).map((f) => f.name);
    expect(speakers).toContain('Vladimir Putin');
    expect(speakers).toContain('Li Shangfu');
    expect(embed.footer?.text).toMatch(/putin-china\.txt/);
  });

  it('/summary length:tldr is shorter than length:long', async () => {
    const tldr = await discord.sendCommand({ name: 'summary', options: [{ name: 'article', type: 3, value: 'putin' }, { name: 'length', type: 3, value: 'tldr' }] });
    const long = await discord.sendCommand({ name: 'summary', options: [{ name: 'article', type: 3, value: 'putin' }, { name: 'length', type: 3, value: 'long' }] });
    expect(embedOf(tldr).description!.length).toBeLessThan(embedOf(long).description!.length);
  });

  it('/quotes lists the key quotes with their speakers', async () => {
    const outcome = await discord.sendCommand({ name: 'quotes', options: [{ name: 'article', type: 3, value: 'putin' }] });
    const speakers = (embedOf(outcome).fields ?? []).map((f) => f.name);
    expect(speakers).toEqual(expect.arrayContaining(['Vladimir Putin', 'Li Shangfu']));
  });

  it('/articles pages with Previous/Next buttons', async () => {
    // Enough articles for two pages.
    store.addMany(
      Array.from({ length: 12 }, (_, i) => ({
        title: `Filler story ${i}`,
        source: `filler-${i}.txt`,
        byline: null,
        publishedAt: null,
        rawText: `Filler body number ${i}.`,
        cleanText: `Filler body number ${i}.`,
      })),
    );
    const first = await discord.sendCommand({ name: 'articles' });
    expect(first.callback?.type).toBe(4);
    expect(embedOf(first).description!.split('\n')).toHaveLength(10);
    const row = first.original!.components[0] as { components: { custom_id: string; label: string; disabled?: boolean }[] };
    const next = row.components.find((b) => b.label.includes('Next'))!;
    expect(next.disabled).toBe(false);

    const second = await discord.clickButton({ customId: next.custom_id, messageId: first.original!.id });
    expect(second.callback?.type).toBe(7);
    expect(embedOf(second).description).toMatch(/^\*\*11\.\*\*/);
    const secondRow = second.original!.components[0] as { components: { custom_id: string; label: string; disabled?: boolean }[] };
    expect(secondRow.components.find((b) => b.label.includes('Next'))!.disabled).toBe(true);
    const previous = secondRow.components.find((b) => b.label.includes('Previous'))!;
    const back = await discord.clickButton({ customId: previous.custom_id, messageId: first.original!.id });
    expect(embedOf(back).description).toMatch(/^\*\*1\.\*\*/);
  });

  it('answers an unknown article with a helpful private message', async () => {
    const outcome = await discord.sendCommand({ name: 'summary', options: [{ name: 'article', type: 3, value: 'zzqx nonexistent' }] });
    // Typed text is searched after a deferral; the public "thinking..." is replaced by a private answer.
    expect(outcome.callback?.type).toBe(5);
    expect(outcome.original?.deleted).toBe(true);
    const answer = outcome.followups.at(-1);
    expect(answer?.flags).toBe(64);
    expect(answer?.content).toMatch(/couldn't find an article matching “zzqx nonexistent”/);
  });

  it('a failing handler answers privately and the bot answers the next command', async () => {
    store.failNextGet = true;
    const failed = await discord.sendCommand({ name: 'summary', options: [{ name: 'article', type: 3, value: '1' }] });
    expect(failed.ephemeral).toBe(true);
    expect(failed.original?.content).toBe(friendlyError);
    expect(logLines.some((line) => line.includes('command failed') && line.includes('"command":"summary"'))).toBe(true);
    const next = await discord.sendCommand({ name: 'help' });
    expect(next.original?.embeds[0]?.title).toMatch(/Briefbot/);
  });

  it('resumes after a dropped connection and keeps answering', async () => {
    await discord.dropConnections(4000);
    await discord.waitForResume();
    const outcome = await discord.sendCommand({ name: 'summary', options: [{ name: 'article', type: 3, value: 'putin' }] });
    expect(embedOf(outcome).title).toMatch(/Putin/);
  });

  it('refuses the guild-only /digest in DMs with a reason', async () => {
    const outcome = await discord.sendCommand({ name: 'digest', guildId: null, options: [{ name: 'list', type: 1, options: [] }] });
    expect(outcome.ephemeral).toBe(true);
    expect(outcome.original?.content).toMatch(/server/);
  });

  it('works in DMs', async () => {
    const choices = await discord.sendAutocomplete({ name: 'summary', guildId: null, options: [{ name: 'article', type: 3, value: 'mobiles', focused: true }] });
    const outcome = await discord.sendCommand({ name: 'summary', guildId: null, options: [{ name: 'article', type: 3, value: String(choices[0]?.value) }] });
    expect(outcome.callback?.type).toBe(4);
    expect(outcome.original?.guildId).toBeNull();
    expect(embedOf(outcome).title).toMatch(/mobile/i);
  });

  it('skips registration on restart when the commands have not changed', async () => {
    await bot?.stop();
    bot = await startBot();
    expect(discord.registeredCommands(guildId).bulkOverwrites).toBe(1);
    expect(logLines.some((line) => line.includes('unchanged since the last registration'))).toBe(true);
  });

  it('never shows the token in a log line, reply or request', () => {
    expect(logLines.length).toBeGreaterThan(5);
    expect(logLines.join('\n')).not.toContain(token);
    const sent = discord.interactions.flatMap((o) => [o.original, ...o.followups]).map((m) => JSON.stringify(m?.bodies ?? []));
    expect(sent.join('\n')).not.toContain(token);
    expect(JSON.stringify(discord.requests.map((r) => r.body))).not.toContain(token);
    expect(discord.unknownRoutes).toEqual([]);
  });
});
