import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { longArticles, sampleArticle, tempDir, wordySummarize } from '../digest/helpers.ts';
import type { FakeDiscord } from './fake-discord/index.ts';
import {
  answerText,
  digestInvocation,
  guildId,
  manager,
  newsChannel,
  sportsChannel,
  startBot,
  startFakeDiscord,
  waitFor,
  type BotProcess,
} from './digest-harness.ts';

let fake: FakeDiscord;
let dir: ReturnType<typeof tempDir>;
let bots: BotProcess[];
let dbPath: string;

async function bot(options: Parameters<typeof startBot>[2] = {}): Promise<BotProcess> {
  const started = await startBot(fake, dbPath, options);
  bots.push(started);
  return started;
}

async function stopBot(process: BotProcess): Promise<void> {
  bots.splice(bots.indexOf(process), 1);
  await process.stop();
}

beforeEach(async () => {
  dir = tempDir();
  dbPath = `${dir.path}/briefbot.db`;
  bots = [];
  fake = await startFakeDiscord();
});

afterEach(async () => {
  for (const running of bots) await running.stop();
  await fake.stop();
  dir.cleanup();
});

describe('/digest through the fake Discord', () => {
  it('subscribes with Manage Server, refuses without it, validates input, lists and autocompletes zones', async () => {
    const app = await bot();
    const denied = await fake.sendCommand({
      name: 'digest',
      guildId,
      ...digestInvocation('subscribe', { channel: newsChannel, time: '08:00' }),
    });
    expect(denied.ephemeral).toBe(true);
    expect(answerText(denied)).toMatch(/Manage Server/);
    expect(app.digest.subscriptions.byChannel(newsChannel)).toBeUndefined();

    const badTime = await fake.sendCommand({
      name: 'digest',
      memberPermissions: manager,
      ...digestInvocation('subscribe', { channel: newsChannel, time: '25:00' }),
    });
    expect(badTime.ephemeral).toBe(true);
    expect(answerText(badTime)).toMatch(/HH:MM/);
    const badZone = await fake.sendCommand({
      name: 'digest',
      memberPermissions: manager,
      ...digestInvocation('subscribe', { channel: newsChannel, time: '08:00', timezone: 'Atlantis/Capital' }),
    });
    expect(answerText(badZone)).toMatch(/time zone/);

    const ok = await fake.sendCommand({
      name: 'digest',
      memberPermissions: manager,
      ...digestInvocation('subscribe', { channel: newsChannel, time: '08:30', timezone: 'Europe/Berlin', articles: 4, empty_note: true }),
    });
    expect(ok.ephemeral).toBe(true);
    expect(answerText(ok)).toMatch(/Daily digest set: <#300000000000000011> · 08:30 Europe\/Berlin · up to 4 articles/);
    const stored = app.digest.subscriptions.byChannel(newsChannel);
    expect(stored?.timeZone).toBe('Europe/Berlin');
    expect(stored?.maxArticles).toBe(4);
    expect(stored?.notifyEmpty).toBe(true);
    expect(app.digest.scheduler.scheduledIds()).toEqual([stored?.id]);
    expect(app.digest.scheduler.nextRun(stored?.id ?? 0)).not.toBeNull();

    // Anyone may list; the list shows the schedule.
    const listed = await fake.sendCommand({ name: 'digest', ...digestInvocation('list') });
    expect(answerText(listed)).toMatch(/<#300000000000000011> · 08:30 Europe\/Berlin/);

    const choices = await fake.sendAutocomplete({
      name: 'digest',
      options: [
        {
          name: 'subscribe',
          type: 1,
          options: [
            { name: 'channel', type: 7, value: newsChannel },
            { name: 'timezone', type: 3, value: 'berl', focused: true },
          ],
        },
      ],
    });
    expect(choices[0]?.value).toBe('Europe/Berlin');
    expect(choices.length).toBeLessThanOrEqual(25);

    const gone = await fake.sendCommand({
      name: 'digest',
      memberPermissions: manager,
      ...digestInvocation('unsubscribe', { channel: newsChannel }),
    });
    expect(answerText(gone)).toMatch(/stopped/);
    expect(app.digest.scheduler.scheduledIds()).toEqual([]);
  });

  it('posts at a real near-future minute, once, with no mentions allowed', async () => {
    const app = await bot();
    app.articles.addMany([sampleArticle(1), sampleArticle(2, { cleanText: 'Hello @everyone, the **vote** passed today. It was close.' })]);
    const now = new Date();
    const fire = new Date(Math.ceil((now.getTime() + 1) / 60_000) * 60_000);
    const time = `${String(fire.getUTCHours()).padStart(2, '0')}:${String(fire.getUTCMinutes()).padStart(2, '0')}`;
    const reply = await fake.sendCommand({
      name: 'digest',
      memberPermissions: manager,
      ...digestInvocation('subscribe', { channel: newsChannel, time, timezone: 'UTC' }),
    });
    expect(answerText(reply)).toMatch(/Daily digest set/);
    await waitFor(() => fake.messages(newsChannel).length > 0, 70_000, 'the scheduled digest');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const posted = fake.messages(newsChannel);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.allowedMentions).toEqual({ parse: [] });
    expect(posted[0]?.embeds).toHaveLength(2);
    expect(Date.now()).toBeGreaterThanOrEqual(fire.getTime());
    const text = posted[0]?.embeds.map((e) => e.description ?? '').join('\n') ?? '';
    expect(text).not.toContain('@everyone');
  }, 90_000);

  it('two bot processes on one database post an occurrence once', async () => {
    let current = new Date('2024-06-03T06:00:00Z');
    const clock = () => current;
    const first = await bot({ owner: 'one', now: clock });
    const second = await bot({ owner: 'two', now: clock });
    first.articles.addMany([sampleArticle(1), sampleArticle(2), sampleArticle(3)]);
    const sub = first.digest.subscriptions.subscribe({
      guildId,
      channelId: newsChannel,
      time: { hour: 9, minute: 0 },
      timeZone: 'Europe/Berlin',
      maxArticles: 3,
      notifyEmpty: false,
      createdBy: null,
    });
    current = new Date('2024-06-03T07:00:01Z');
    await Promise.all([first.digest.scheduler.tick(sub.id, clock()), second.digest.scheduler.tick(sub.id, clock())]);
    await second.digest.scheduler.catchUp();
    expect(fake.messages(newsChannel)).toHaveLength(1);
  });

  it('a digest that fails mid-way resumes after a restart with the remaining messages only', async () => {
    let current = new Date('2024-06-03T06:00:00Z');
    const clock = () => current;
    const first = await bot({ now: clock, summarize: wordySummarize, startScheduler: false });
    first.articles.addMany(longArticles(10));
    const sub = first.digest.subscriptions.subscribe({
      guildId,
      channelId: newsChannel,
      time: { hour: 9, minute: 0 },
      timeZone: 'Europe/Berlin',
      maxArticles: 10,
      notifyEmpty: false,
      createdBy: null,
    });
    // The second message meets 500s until discord.js's retries run out.
    let posts = 0;
    const route = new RegExp(`^POST /channels/${newsChannel}/messages$`);
    const original = first.bot.client.rest.post.bind(first.bot.client.rest);
    first.bot.client.rest.post = async (...args: Parameters<typeof original>) => {
      if (++posts === 2) fake.failNext5xx(4, { match: route });
      return original(...args);
    };
    current = new Date('2024-06-03T07:00:01Z');
    const result = await first.digest.scheduler.tick(sub.id, clock());
    expect(result.status).toBe('failed');
    expect(fake.messages(newsChannel)).toHaveLength(1);
    await stopBot(first);

    const second = await bot({ now: clock, summarize: wordySummarize });
    await waitFor(() => second.digest.ledger.forSubscription(sub.id)[0]?.status === 'done', 10_000, 'the resumed digest');
    const delivery = second.digest.ledger.forSubscription(sub.id)[0];
    const posted = fake.messages(newsChannel);
    expect(delivery?.plan?.length).toBeGreaterThan(1);
    expect(posted).toHaveLength(delivery?.plan?.length ?? -1);
    expect(posted.map((m) => m.id)).toEqual(delivery?.messageIds);
    // Every article appears exactly once across the messages.
    const titles = posted.flatMap((m) => m.embeds.map((e) => e.title));
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).toHaveLength(10);
  });

  it('catches up a digest missed by under 6 hours once; one over 6 hours late is recorded as missed', async () => {
    const setup = await bot({ startScheduler: false });
    setup.articles.addMany([sampleArticle(1), sampleArticle(2)]);
    const subscribe = (channelId: string, hour: number) =>
      setup.digest.subscriptions.subscribe({
        guildId,
        channelId,
        time: { hour, minute: 0 },
        timeZone: 'UTC',
        maxArticles: 5,
        notifyEmpty: false,
        createdBy: null,
      });
    const recent = subscribe(newsChannel, 9);
    const stale = subscribe(sportsChannel, 3);
    await stopBot(setup);

    // Downtime: the bot comes back at 14:00 the next day (news 5 h late, sports 11 h late).
    const day = new Date();
    day.setUTCDate(day.getUTCDate() + 1);
    const at = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 14, 0, 0));
    const back = await bot({ now: () => at });
    expect(fake.messages(newsChannel)).toHaveLength(1);
    expect(fake.messages(sportsChannel)).toHaveLength(0);
    const missed = back.digest.ledger.forSubscription(stale.id);
    expect(missed.map((d) => d.status)).toContain('missed');
    await stopBot(back);
    const again = await bot({ now: () => at });
    expect(again.digest.ledger.forSubscription(recent.id).map((d) => d.status)).toEqual(['done']);
    expect(fake.messages(newsChannel)).toHaveLength(1);
  });

  it('a channel that rejects messages pauses its digest, and /digest list says why', async () => {
    let current = new Date('2024-06-03T06:00:00Z');
    const clock = () => current;
    const app = await bot({ now: clock });
    app.articles.add(sampleArticle(1));
    const sub = app.digest.subscriptions.subscribe({
      guildId,
      channelId: sportsChannel,
      time: { hour: 9, minute: 0 },
      timeZone: 'Europe/Berlin',
      maxArticles: 5,
      notifyEmpty: false,
      createdBy: null,
    });
    app.digest.scheduler.refresh(sub.id);
    fake.failChannel(sportsChannel, { status: 403, code: 50013, message: 'Missing Permissions' });
    current = new Date('2024-06-03T07:00:01Z');
    const result = await app.digest.scheduler.tick(sub.id, clock());
    expect(result.status).toBe('paused');
    expect(app.digest.scheduler.scheduledIds()).toEqual([sub.id]);
    app.digest.scheduler.refresh(sub.id);
    expect(app.digest.scheduler.scheduledIds()).toEqual([]);
    const listed = await fake.sendCommand({ name: 'digest', ...digestInvocation('list') });
    expect(answerText(listed)).toMatch(/<#300000000000000012>.*\*\*paused\*\*: missing permission to post here/);
    const refused = await fake.sendCommand({
      name: 'digest',
      memberPermissions: manager,
      ...digestInvocation('now', { channel: sportsChannel }),
    });
    expect(answerText(refused)).toMatch(/paused/);

    // Subscribing again resumes it; a deleted channel (404 / 10003) pauses it again.
    const again = await fake.sendCommand({
      name: 'digest',
      memberPermissions: manager,
      ...digestInvocation('subscribe', { channel: sportsChannel, time: '09:00', timezone: 'Europe/Berlin' }),
    });
    expect(answerText(again)).toMatch(/Daily digest set/);
    expect(app.digest.scheduler.scheduledIds()).toEqual([sub.id]);
    fake.failChannel(sportsChannel, { status: 404, code: 10003, message: 'Unknown Channel' });
    app.articles.add(sampleArticle(2));
    current = new Date('2024-06-04T07:00:01Z');
    expect((await app.digest.scheduler.tick(sub.id, clock())).status).toBe('paused');
    expect(app.digest.subscriptions.get(sub.id)?.pausedReason).toMatch(/channel not found/);
    expect(fake.messages(sportsChannel)).toHaveLength(0);
  });
});
