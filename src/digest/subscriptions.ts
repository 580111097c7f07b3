import { statementCache, type Db } from '../db/database.ts';
import type { LocalTime } from './schedule.ts';
import { parseLocalTime } from './schedule.ts';

export interface Subscription {
  readonly id: number;
  readonly guildId: string;
  readonly channelId: string;
  readonly time: LocalTime;
  readonly timeZone: string;
  readonly maxArticles: number;
  readonly notifyEmpty: boolean;
  readonly active: boolean;
  /** Highest article id already given to a digest for this channel. */
  readonly lastArticleId: number;
  readonly pausedReason: string | null;
  /** When the current time/zone took effect: earlier occurrences are never due. */
  readonly scheduleSince: Date;
}

export interface SubscribeInput {
  readonly guildId: string;
  readonly channelId: string;
  readonly time: LocalTime;
  readonly timeZone: string;
  readonly maxArticles: number;
  readonly notifyEmpty: boolean;
  readonly createdBy: string | null;
}

interface Row {
  id: number;
  guild_id: string;
  channel_id: string;
  local_time: string;
  timezone: string;
  max_articles: number;
  notify_empty: number;
  active: number;
  last_article_id: number;
  paused_reason: string | null;
  schedule_since: string;
}

function fromRow(row: Row): Subscription {
  const time = parseLocalTime(row.local_time);
  return {
    id: row.id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    time: time.ok ? time.value : { hour: 0, minute: 0 },
    timeZone: row.timezone,
    maxArticles: row.max_articles,
    notifyEmpty: row.notify_empty === 1,
    active: row.active === 1,
    lastArticleId: row.last_article_id,
    pausedReason: row.paused_reason,
    scheduleSince: new Date(row.schedule_since),
  };
}

const hhmm = (time: LocalTime): string =>
  `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;

/** How far back a brand-new channel's first digest reaches. */
const firstDigestLookbackMs = 24 * 60 * 60 * 1000;

/** Subscriptions in SQLite. Plain synchronous calls: better-sqlite3 is synchronous. */
export class SubscriptionStore {
  /** Prepared once per SQL text. */
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.sql = statementCache(db);
  }

  /**
   * Creates or updates the channel's subscription (and clears a pause). A channel seen before keeps
   * its article cursor; a new one starts with the articles of the last day.
   */
  subscribe(input: SubscribeInput): Subscription {
    const at = this.now().toISOString();
    const write = this.db.transaction((): Subscription => {
      const existing = this.sql('SELECT * FROM digest_subscriptions WHERE channel_id = ?').get(input.channelId) as
        | Row
        | undefined;
      const time = hhmm(input.time);
      if (existing) {
        const scheduleChanged =
          existing.active === 0 || existing.local_time !== time || existing.timezone !== input.timeZone;
        this.db
          .prepare(
            `UPDATE digest_subscriptions SET guild_id = ?, local_time = ?, timezone = ?, max_articles = ?, notify_empty = ?,
               active = 1, paused_reason = NULL, paused_at = NULL, schedule_since = ?, updated_at = ? WHERE id = ?`,
          )
          .run(
            input.guildId,
            time,
            input.timeZone,
            input.maxArticles,
            input.notifyEmpty ? 1 : 0,
            scheduleChanged ? at : existing.schedule_since,
            at,
            existing.id,
          );
        return this.require(existing.id);
      }
      const cutoff = new Date(this.now().getTime() - firstDigestLookbackMs).toISOString();
      const cursor = this.sql('SELECT COALESCE(MAX(id), 0) AS id FROM articles WHERE added_at < ?').get(cutoff) as {
        id: number;
      };
      const result = this.sql(
          `INSERT INTO digest_subscriptions (guild_id, channel_id, local_time, timezone, max_articles, notify_empty,
             last_article_id, schedule_since, created_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.guildId,
          input.channelId,
          time,
          input.timeZone,
          input.maxArticles,
          input.notifyEmpty ? 1 : 0,
          cursor.id,
          at,
          input.createdBy,
          at,
          at,
        );
      return this.require(Number(result.lastInsertRowid));
    });
    return write.immediate();
  }

  /** Deactivates; returns the subscription or undefined when the channel had none. */
  unsubscribe(guildId: string, channelId: string): Subscription | undefined {
    const result = this.sql(
        'UPDATE digest_subscriptions SET active = 0, updated_at = ? WHERE guild_id = ? AND channel_id = ? AND active = 1',
      )
      .run(this.now().toISOString(), guildId, channelId);
    if (result.changes === 0) return undefined;
    return this.byChannel(channelId);
  }

  pause(id: number, reason: string): void {
    const at = this.now().toISOString();
    this.sql('UPDATE digest_subscriptions SET paused_reason = ?, paused_at = ?, updated_at = ? WHERE id = ?')
      .run(reason, at, at, id);
  }

  get(id: number): Subscription | undefined {
    const row = this.sql('SELECT * FROM digest_subscriptions WHERE id = ?').get(id) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  byChannel(channelId: string): Subscription | undefined {
    const row = this.sql('SELECT * FROM digest_subscriptions WHERE channel_id = ?').get(channelId) as
      | Row
      | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Active subscriptions of one server, paused ones included. */
  listGuild(guildId: string): Subscription[] {
    const rows = this.sql('SELECT * FROM digest_subscriptions WHERE guild_id = ? AND active = 1 ORDER BY channel_id')
      .all(guildId) as Row[];
    return rows.map(fromRow);
  }

  /** Every subscription that should have a schedule: active and not paused. */
  listScheduled(): Subscription[] {
    const rows = this.sql('SELECT * FROM digest_subscriptions WHERE active = 1 AND paused_reason IS NULL ORDER BY id')
      .all() as Row[];
    return rows.map(fromRow);
  }

  private require(id: number): Subscription {
    const found = this.get(id);
    if (!found) throw new Error(`digest subscription ${id} vanished`);
    return found;
  }
}
