import { statementCache, type Db } from '../db/database.ts';
import type { DigestMessage } from './compose.ts';

/**
 * The delivery ledger: one row per (subscription, scheduled occurrence), UNIQUE, so whoever inserts
 * it first owns that digest and nobody else (a second process, a restart, a duplicate cron tick)
 * ever posts it. Rows are written before posting and updated after each message, so a crash
 * resumes with the remaining messages only. A lease lets another process take over a row whose
 * owner died.
 */
export type DeliveryStatus = 'pending' | 'done' | 'failed' | 'missed';

export interface Delivery {
  readonly id: number;
  readonly subscriptionId: number;
  readonly occurrence: string;
  readonly status: DeliveryStatus;
  /** The composed messages, fixed once planned; null until then. */
  readonly plan: readonly DigestMessage[] | null;
  readonly sentCount: number;
  readonly messageIds: readonly string[];
  readonly articleIds: readonly number[];
  readonly lastArticleId: number | null;
  readonly owner: string | null;
  readonly leaseUntil: number;
  readonly attempts: number;
  readonly error: string | null;
}

interface Row {
  id: number;
  subscription_id: number;
  occurrence: string;
  status: DeliveryStatus;
  payload: string | null;
  sent_count: number;
  message_ids: string;
  article_ids: string;
  last_article_id: number | null;
  owner: string | null;
  lease_until: number;
  attempts: number;
  error: string | null;
}

function fromRow(row: Row): Delivery {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    occurrence: row.occurrence,
    status: row.status,
    plan: row.payload === null ? null : (JSON.parse(row.payload) as DigestMessage[]),
    sentCount: row.sent_count,
    messageIds: JSON.parse(row.message_ids) as string[],
    articleIds: JSON.parse(row.article_ids) as number[],
    lastArticleId: row.last_article_id,
    owner: row.owner,
    leaseUntil: row.lease_until,
    attempts: row.attempts,
    error: row.error,
  };
}

export interface Plan {
  readonly messages: readonly DigestMessage[];
  readonly articleIds: readonly number[];
  readonly lastArticleId: number;
}

export class DeliveryLedger {
  /** Prepared once per SQL text. */
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(
    private readonly db: Db,
    /** Identifies this process; leases are held in its name. */
    readonly owner: string,
    private readonly now: () => Date = () => new Date(),
    readonly leaseMs = 5 * 60_000,
  ) {
    this.sql = statementCache(db);
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  /** Inserts the pending row for an occurrence; undefined when someone already has it. */
  claim(subscriptionId: number, occurrence: string): Delivery | undefined {
    const at = this.stamp();
    const result = this.sql(
        `INSERT INTO digest_deliveries (subscription_id, occurrence, status, owner, lease_until, attempts, created_at, updated_at)
         VALUES (?, ?, 'pending', ?, ?, 1, ?, ?) ON CONFLICT (subscription_id, occurrence) DO NOTHING`,
      )
      .run(subscriptionId, occurrence, this.owner, this.now().getTime() + this.leaseMs, at, at);
    if (result.changes === 0) return undefined;
    return this.get(Number(result.lastInsertRowid));
  }

  /**
   * Takes over an unfinished row (pending with an expired lease, or failed) for a retry. Only one
   * process can win: the update is conditional on the state it read.
   */
  takeOver(id: number): Delivery | undefined {
    const nowMs = this.now().getTime();
    const result = this.sql(
        `UPDATE digest_deliveries SET owner = ?, lease_until = ?, status = 'pending', attempts = attempts + 1, updated_at = ?
         WHERE id = ? AND (status = 'failed' OR (status = 'pending' AND lease_until < ?))`,
      )
      .run(this.owner, nowMs + this.leaseMs, this.stamp(), id, nowMs);
    return result.changes === 0 ? undefined : this.get(id);
  }

  /**
   * Fixes what this digest will post and advances the subscription's article cursor in the same
   * transaction, so the articles belong to exactly one digest.
   */
  plan(id: number, plan: Plan): Delivery {
    const write = this.db.transaction(() => {
      const row = this.require(id);
      if (row.owner !== this.owner || row.status !== 'pending') throw new Error(`delivery ${id} is not ours to plan`);
      this.sql(
          `UPDATE digest_deliveries SET payload = ?, article_ids = ?, last_article_id = ?, updated_at = ? WHERE id = ?`,
        )
        .run(JSON.stringify(plan.messages), JSON.stringify(plan.articleIds), plan.lastArticleId, this.stamp(), id);
      this.sql('UPDATE digest_subscriptions SET last_article_id = MAX(last_article_id, ?) WHERE id = ?')
        .run(plan.lastArticleId, row.subscriptionId);
      return this.require(id);
    });
    return write.immediate();
  }

  /** Extends the lease before a (possibly slow) post; false when the row is no longer ours. */
  renew(id: number): boolean {
    const result = this.sql(`UPDATE digest_deliveries SET lease_until = ? WHERE id = ? AND owner = ? AND status = 'pending'`)
      .run(this.now().getTime() + this.leaseMs, id, this.owner);
    return result.changes === 1;
  }

  /** Records one posted message (its index must be the next unsent one). */
  recordSent(id: number, index: number, messageId: string): Delivery {
    const write = this.db.transaction(() => {
      const row = this.require(id);
      if (row.sentCount !== index) throw new Error(`delivery ${id}: message ${index} recorded out of order`);
      this.sql(`UPDATE digest_deliveries SET sent_count = ?, message_ids = ?, updated_at = ? WHERE id = ?`)
        .run(index + 1, JSON.stringify([...row.messageIds, messageId]), this.stamp(), id);
      return this.require(id);
    });
    return write.immediate();
  }

  complete(id: number): void {
    this.sql(`UPDATE digest_deliveries SET status = 'done', lease_until = 0, error = NULL, updated_at = ? WHERE id = ?`)
      .run(this.stamp(), id);
  }

  /** Gives the row back for a retry at the next start; what was posted stays recorded. */
  fail(id: number, error: string): void {
    this.sql(`UPDATE digest_deliveries SET status = 'failed', lease_until = 0, error = ?, updated_at = ? WHERE id = ?`)
      .run(error.slice(0, 500), this.stamp(), id);
  }

  /** Releases a row this process still holds (clean shutdown) so a restart resumes it at once. */
  release(id: number): void {
    this.sql(`UPDATE digest_deliveries SET lease_until = 0 WHERE id = ? AND owner = ? AND status = 'pending'`)
      .run(id, this.owner);
  }

  /** Records an occurrence that was too late to post; false when it already had a row. */
  recordMissed(subscriptionId: number, occurrence: string, reason: string): boolean {
    const at = this.stamp();
    const result = this.sql(
        `INSERT INTO digest_deliveries (subscription_id, occurrence, status, error, created_at, updated_at)
         VALUES (?, ?, 'missed', ?, ?, ?) ON CONFLICT (subscription_id, occurrence) DO NOTHING`,
      )
      .run(subscriptionId, occurrence, reason, at, at);
    return result.changes === 1;
  }

  get(id: number): Delivery | undefined {
    const row = this.sql('SELECT * FROM digest_deliveries WHERE id = ?').get(id) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  find(subscriptionId: number, occurrence: string): Delivery | undefined {
    const row = this.sql('SELECT * FROM digest_deliveries WHERE subscription_id = ? AND occurrence = ?')
      .get(subscriptionId, occurrence) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** The newest scheduled occurrence with a row (manual digests excluded). */
  latestOccurrence(subscriptionId: number): string | undefined {
    const row = this.sql(
        `SELECT MAX(occurrence) AS occurrence FROM digest_deliveries WHERE subscription_id = ? AND occurrence NOT LIKE 'manual:%'`,
      )
      .get(subscriptionId) as { occurrence: string | null };
    return row.occurrence ?? undefined;
  }

  /** Unfinished rows another process could take over now (failed, or pending with a lapsed lease). */
  resumable(): Delivery[] {
    const rows = this.sql(
        `SELECT * FROM digest_deliveries WHERE status = 'failed' OR (status = 'pending' AND lease_until < ?) ORDER BY id`,
      )
      .all(this.now().getTime()) as Row[];
    return rows.map(fromRow);
  }

  forSubscription(subscriptionId: number): Delivery[] {
    const rows = this.sql('SELECT * FROM digest_deliveries WHERE subscription_id = ? ORDER BY id')
      .all(subscriptionId) as Row[];
    return rows.map(fromRow);
  }

  private require(id: number): Delivery {
    const row = this.get(id);
    if (!row) throw new Error(`delivery ${id} not found`);
    return row;
  }
}
