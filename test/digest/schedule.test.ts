import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  cronExpression,
  latestOccurrence,
  nextOccurrence,
  occurrenceOn,
  parseLocalTime,
  parseTimeZone,
  suggestTimeZones,
} from '../../src/digest/schedule.ts';
import { instance, sampleArticle, tempDir } from './helpers.ts';

describe('times and zones', () => {
  it('parses 24-hour HH:MM and rejects anything else with a clear message', () => {
    expect(parseLocalTime('08:30')).toEqual({ ok: true, value: { hour: 8, minute: 30 } });
    expect(parseLocalTime('7:05')).toEqual({ ok: true, value: { hour: 7, minute: 5 } });
    for (const bad of ['24:00', '12:60', '8.30', 'noon', '', '123:00']) {
      const parsed = parseLocalTime(bad);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/HH:MM/);
    }
  });

  it('accepts IANA zones and UTC, rejects unknown names', () => {
    expect(parseTimeZone('Europe/Berlin')).toEqual({ ok: true, value: 'Europe/Berlin' });
    expect(parseTimeZone('UTC').ok).toBe(true);
    const bad = parseTimeZone('Mars/Olympus');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/time zone/);
  });

  it('suggests at most 25 zones of at most 100 characters, prefix matches first', () => {
    expect(suggestTimeZones('')).toHaveLength(25);
    const berlin = suggestTimeZones('berl');
    expect(berlin[0]).toBe('Europe/Berlin');
    const york = suggestTimeZones('new york');
    expect(york).toContain('America/New_York');
    for (const name of suggestTimeZones('a')) expect(name.length).toBeLessThanOrEqual(100);
    expect(suggestTimeZones('a').length).toBeLessThanOrEqual(25);
  });
});

describe('occurrences across DST (America/New_York)', () => {
  const zone = 'America/New_York';
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a 02:30 digest on spring-forward day happens once, at the instant the clock jumps to', () => {
    // 2024-03-10: 02:00 EST -> 03:00 EDT, so 02:30 does not exist.
    expect(occurrenceOn('2024-03-10', { hour: 2, minute: 30 }, zone).toISOString()).toBe('2024-03-10T07:30:00.000Z');
    expect(occurrenceOn('2024-03-09', { hour: 2, minute: 30 }, zone).toISOString()).toBe('2024-03-09T07:30:00.000Z');
    expect(occurrenceOn('2024-03-11', { hour: 2, minute: 30 }, zone).toISOString()).toBe('2024-03-11T06:30:00.000Z');
  });

  it('a 01:30 digest on fall-back day has one occurrence, the earlier instant', () => {
    // 2024-11-03: 01:00-02:00 happens twice (EDT then EST).
    expect(occurrenceOn('2024-11-03', { hour: 1, minute: 30 }, zone).toISOString()).toBe('2024-11-03T05:30:00.000Z');
    const second = new Date('2024-11-03T06:45:00Z'); // 01:45 EST, the repeated hour
    expect(latestOccurrence(second, { hour: 1, minute: 30 }, zone).toISOString()).toBe('2024-11-03T05:30:00.000Z');
    expect(nextOccurrence(second, { hour: 1, minute: 30 }, zone).toISOString()).toBe('2024-11-04T06:30:00.000Z');
  });

  it('cron also ticks an hour later so a skipped wall-clock minute still fires', () => {
    expect(cronExpression({ hour: 2, minute: 30 })).toBe('30 2,3 * * *');
    expect(cronExpression({ hour: 23, minute: 0 })).toBe('0 23,0 * * *');
  });

  // node-cron's own timers against a faked clock: each local day must get exactly one digest.
  async function postsPerDay(start: string, days: number, time: string): Promise<Map<string, number>> {
    vi.useFakeTimers({ now: new Date(start) });
    const dir = tempDir();
    const app = instance(`${dir.path}/db.sqlite`);
    try {
      const parsed = parseLocalTime(time);
      if (!parsed.ok) throw new Error(parsed.error);
      const sub = app.subscriptions.subscribe({
        guildId: '1',
        channelId: '100',
        time: parsed.value,
        timeZone: zone,
        maxArticles: 3,
        notifyEmpty: true,
        createdBy: null,
      });
      await app.scheduler.start();
      for (let hour = 0; hour < days * 24; hour++) {
        app.articles.add(sampleArticle(hour));
        await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
      }
      const perDay = new Map<string, number>();
      for (const delivery of app.ledger.forSubscription(sub.id)) {
        expect(delivery.status).toBe('done');
        const day = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(delivery.occurrence));
        perDay.set(day, (perDay.get(day) ?? 0) + 1);
      }
      expect(app.poster.posts.length).toBe(app.ledger.forSubscription(sub.id).length);
      return perDay;
    } finally {
      await app.close();
      dir.cleanup();
    }
  }

  it('spring-forward: 02:30 posts exactly once on each day, including the day 02:30 does not exist', async () => {
    const perDay = await postsPerDay('2024-03-09T00:00:00Z', 3, '02:30');
    expect([...perDay.entries()]).toEqual([
      ['2024-03-09', 1],
      ['2024-03-10', 1],
      ['2024-03-11', 1],
    ]);
  });

  it('fall-back: 01:30 posts exactly once on the day the hour repeats', async () => {
    const perDay = await postsPerDay('2024-11-02T00:00:00Z', 3, '01:30');
    expect([...perDay.entries()]).toEqual([
      ['2024-11-02', 1],
      ['2024-11-03', 1],
      ['2024-11-04', 1],
    ]);
  });
});
