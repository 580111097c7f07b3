import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordAPIError, HTTPError } from 'discord.js';
import { classifyPostError } from '../../src/digest/discord-poster.ts';
import { instance, longArticles, RecordingPoster, sampleArticle, tempDir, wordySummarize, type Instance } from './helpers.ts';

let dir: ReturnType<typeof tempDir>;
let open: Instance[];
let clock: Date;
const now = () => clock;

function start(options: Parameters<typeof instance>[1] = {}): Instance {
  const app = instance(`${dir.path}/db.sqlite`, { now, ...options });
  open.push(app);
  return app;
}

function subscribe(app: Instance, channelId = '200', time = { hour: 9, minute: 0 }, maxArticles = 3) {
  return app.subscriptions.subscribe({
    guildId: '1',
    channelId,
    time,
    timeZone: 'Europe/Berlin',
    maxArticles,
    notifyEmpty: false,
    createdBy: '42',
  });
}

beforeEach(() => {
  dir = tempDir();
  open = [];
  clock = new Date('2024-06-03T06:00:00Z'); // 08:00 in Berlin
});

afterEach(async () => {
  for (const app of open) await app.close();
  dir.cleanup();
});

describe('ledger: exactly once', () => {
  it('a duplicate tick and a second process never post the same occurrence twice', async () => {
    const a = start({ owner: 'a' });
    const b = start({ owner: 'b', poster: a.poster });
    a.articles.addMany([sampleArticle(1), sampleArticle(2)]);
    const sub = subscribe(a);
    clock = new Date('2024-06-03T07:00:05Z'); // 09:00:05 Berlin
    const results = await Promise.all([a.scheduler.tick(sub.id), b.scheduler.tick(sub.id), a.scheduler.tick(sub.id)]);
    expect(results.filter((r) => r.status === 'posted')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'taken')).toHaveLength(2);
    expect(a.poster.to('200')).toHaveLength(1);
    // The safety tick an hour later is a no-op.
    clock = new Date('2024-06-03T08:00:00Z');
    expect((await b.scheduler.tick(sub.id)).status).toBe('taken');
    expect(a.poster.posts).toHaveLength(1);
  });

  it('an article goes to a channel once: the next digest only has newer ones', async () => {
    const app = start();
    app.articles.addMany([sampleArticle(1), sampleArticle(2)]);
    const sub = subscribe(app);
    clock = new Date('2024-06-03T07:00:00Z');
    await app.scheduler.tick(sub.id);
    app.articles.add(sampleArticle(3));
    clock = new Date('2024-06-04T07:00:00Z');
    await app.scheduler.tick(sub.id);
    const [first, second] = app.poster.to('200');
    expect(first?.message.embeds.map((e) => e.title)).toHaveLength(2);
    expect(second?.message.embeds.map((e) => e.title)).toEqual(['School plan 3 moves ahead']);
    // Nothing new: nothing posted, but the occurrence is recorded.
    clock = new Date('2024-06-05T07:00:00Z');
    expect((await app.scheduler.tick(sub.id)).status).toBe('empty');
    expect(app.poster.posts).toHaveLength(2);
  });

  it('a crash mid-digest resumes with the remaining messages only', async () => {
    const a = start({ owner: 'a', leaseMs: 60_000, summarize: wordySummarize });
    // Long articles: 10 entries spread over several messages.
    a.articles.addMany(longArticles(10));
    const sub = subscribe(a, '300', { hour: 9, minute: 0 }, 10);
    clock = new Date('2024-06-03T07:00:00Z');
    // Process a dies while its second message is in flight (the post never returns).
    a.poster.before = (_post, index) => (index >= 1 ? new Promise<void>(() => undefined) : undefined);
    void a.scheduler.tick(sub.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const abandoned = a.ledger.forSubscription(sub.id)[0];
    expect(abandoned?.status).toBe('pending');
    expect(abandoned?.sentCount).toBe(1);
    const planned = abandoned?.plan?.length ?? 0;
    expect(planned).toBeGreaterThan(1);
    open.splice(open.indexOf(a), 1);
    a.db.close();

    // A restart before the lease lapses leaves it alone; after it lapses, it finishes the digest.
    const poster = new RecordingPoster();
    const b = start({ owner: 'b', poster, summarize: wordySummarize });
    await b.scheduler.catchUp();
    expect(poster.posts).toHaveLength(0);
    clock = new Date('2024-06-03T07:02:00Z');
    await b.scheduler.catchUp();
    expect(poster.posts).toHaveLength(planned - 1);
    expect(poster.posts[0]?.nonce).toBe(`bb${abandoned?.id}.1`);
    const done = b.ledger.forSubscription(sub.id)[0];
    expect(done?.status).toBe('done');
    expect(done?.messageIds).toHaveLength(planned);
    await b.scheduler.catchUp();
    expect(poster.posts).toHaveLength(planned - 1);
  });
});

describe('catch-up after downtime', () => {
  it('posts a digest missed by less than 6 hours once, and only once', async () => {
    const app = start();
    app.articles.add(sampleArticle(1));
    const sub = subscribe(app);
    clock = new Date('2024-06-03T12:00:00Z'); // 14:00 Berlin: 5 h late
    await app.scheduler.start();
    expect(app.poster.posts).toHaveLength(1);
    await app.scheduler.stop();
    await app.scheduler.start();
    expect(app.poster.posts).toHaveLength(1);
    expect(app.ledger.forSubscription(sub.id).map((d) => d.status)).toEqual(['done']);
  });

  it('records a digest more than 6 hours late (and earlier missed days) as missed, not posted', async () => {
    const app = start();
    app.articles.add(sampleArticle(1));
    const sub = subscribe(app);
    clock = new Date('2024-06-05T14:00:00Z'); // two days and 7 h after the first 09:00
    await app.scheduler.start();
    expect(app.poster.posts).toHaveLength(0);
    const rows = app.ledger.forSubscription(sub.id);
    expect(rows.map((d) => [d.occurrence, d.status])).toEqual([
      ['2024-06-04T07:00:00.000Z', 'missed'],
      ['2024-06-03T07:00:00.000Z', 'missed'],
      ['2024-06-05T07:00:00.000Z', 'missed'],
    ]);
    // The articles wait for the next digest.
    clock = new Date('2024-06-06T07:00:00Z');
    expect((await app.scheduler.tick(sub.id)).status).toBe('posted');
  });

  it('does not post an occurrence from before the subscription existed', async () => {
    const app = start();
    app.articles.add(sampleArticle(1));
    clock = new Date('2024-06-03T07:30:00Z'); // 09:30 Berlin, subscribing for 09:00
    const sub = subscribe(app);
    await app.scheduler.start();
    clock = new Date('2024-06-03T08:00:00Z');
    expect((await app.scheduler.tick(sub.id)).status).toBe('not-due');
    expect(app.poster.posts).toHaveLength(0);
  });
});

describe('failures', () => {
  it('a deleted channel pauses the subscription with its reason and stops scheduling it', async () => {
    const app = start();
    app.articles.add(sampleArticle(1));
    const sub = subscribe(app);
    await app.scheduler.start();
    expect(app.scheduler.scheduledIds()).toEqual([sub.id]);
    app.poster.refuse.set('200', { ok: false, kind: 'gone', reason: 'channel not found (deleted?) [404/10003]' });
    clock = new Date('2024-06-03T07:00:00Z');
    const result = await app.scheduler.tick(sub.id);
    expect(result.status).toBe('paused');
    app.scheduler.refresh(sub.id);
    expect(app.scheduler.scheduledIds()).toEqual([]);
    expect(app.subscriptions.listGuild('1')[0]?.pausedReason).toMatch(/channel not found/);
    expect(app.subscriptions.listScheduled()).toEqual([]);
  });

  it('a digest that still fails is retried at the next start without doubling what was posted', async () => {
    const app = start({ summarize: wordySummarize });
    app.articles.addMany(longArticles(10));
    const sub = subscribe(app, '200', { hour: 9, minute: 0 }, 10);
    let calls = 0;
    const poster = app.poster;
    const original = poster.post.bind(poster);
    poster.post = async (channelId, message, nonce) =>
      ++calls === 2 ? { ok: false, kind: 'failed', reason: 'Discord HTTP 503' } : original(channelId, message, nonce);
    clock = new Date('2024-06-03T07:00:00Z');
    expect((await app.scheduler.tick(sub.id)).status).toBe('failed');
    const failed = app.ledger.forSubscription(sub.id)[0];
    expect(failed?.status).toBe('failed');
    expect(failed?.sentCount).toBe(1);
    await app.scheduler.catchUp();
    const done = app.ledger.forSubscription(sub.id)[0];
    expect(done?.status).toBe('done');
    expect(poster.posts.map((p) => p.nonce)).toEqual(done?.plan?.map((_, i) => `bb${done.id}.${i}`));
  });

  it('classifies Discord errors: 10003/404 gone, 50001/50013/403 forbidden, others retried', () => {
    const apiError = (status: number, code: number) =>
      new DiscordAPIError({ code, message: 'x' }, code, status, 'POST', 'http://127.0.0.1/api', { body: undefined, files: undefined });
    expect(classifyPostError(apiError(404, 10003)).kind).toBe('gone');
    expect(classifyPostError(apiError(403, 50013)).kind).toBe('forbidden');
    expect(classifyPostError(apiError(403, 50001)).kind).toBe('forbidden');
    expect(classifyPostError(apiError(400, 50035)).kind).toBe('failed');
    expect(classifyPostError(new Error('boom')).kind).toBe('failed');
    expect(HTTPError).toBeTypeOf('function');
  });
});
