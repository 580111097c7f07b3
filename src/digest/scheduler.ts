import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../log.ts';
import type { DeliveryResult, DigestDelivery } from './delivery.ts';
import type { DeliveryLedger } from './ledger.ts';
import { cronExpression, latestOccurrence, previousOccurrence } from './schedule.ts';
import type { Subscription, SubscriptionStore } from './subscriptions.ts';

/** A digest later than this after its time is recorded as missed instead of posted. */
export const catchUpWindowMs = 6 * 60 * 60 * 1000;
/** How many earlier missed days one start records per subscription. */
const missedHistoryDays = 14;

export interface DigestSchedulerDeps {
  readonly subscriptions: SubscriptionStore;
  readonly ledger: DeliveryLedger;
  readonly delivery: DigestDelivery;
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly catchUpWindowMs?: number;
}

export type TickResult = DeliveryResult | { readonly status: 'not-due' } | { readonly status: 'missed'; readonly occurrence: string };

/**
 * One node-cron task per subscription at its local time in its zone. A tick (or the catch-up at
 * start) works out which occurrence is due and hands it to the ledger-backed delivery, so duplicate
 * ticks, DST oddities and a second process can never double a digest.
 */
export class DigestScheduler {
  private readonly tasks = new Map<number, ScheduledTask>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly now: () => Date;
  private readonly windowMs: number;
  private stopped = false;

  constructor(private readonly deps: DigestSchedulerDeps) {
    this.now = deps.now ?? (() => new Date());
    this.windowMs = deps.catchUpWindowMs ?? catchUpWindowMs;
  }

  /** Schedules every subscription from the database, then catches up on what downtime left. */
  async start(): Promise<void> {
    this.stopped = false;
    for (const subscription of this.deps.subscriptions.listScheduled()) this.schedule(subscription);
    await this.catchUp();
  }

  /** Re-reads one subscription and replaces its task (or drops it when inactive or paused). */
  refresh(subscriptionId: number): void {
    this.unschedule(subscriptionId);
    const subscription = this.deps.subscriptions.get(subscriptionId);
    if (subscription?.active && subscription.pausedReason === null && !this.stopped) this.schedule(subscription);
  }

  /** Subscription ids with a live task (for tests and status). */
  scheduledIds(): number[] {
    return [...this.tasks.keys()];
  }

  nextRun(subscriptionId: number): Date | null {
    return this.tasks.get(subscriptionId)?.getNextRun() ?? null;
  }

  /** What a cron tick does: post the occurrence due at `at`, if it is not done yet. */
  async tick(subscriptionId: number, at: Date = this.now()): Promise<TickResult> {
    return this.track(this.runDue(subscriptionId, at));
  }

  /**
   * Resumes unfinished deliveries (failed, or left by a process that died), then posts each
   * subscription's latest occurrence if it was missed by less than the window and records older
   * ones as missed.
   */
  async catchUp(): Promise<TickResult[]> {
    const work: Promise<TickResult>[] = [];
    const scheduled = new Map(this.deps.subscriptions.listScheduled().map((s) => [s.id, s]));
    for (const delivery of this.deps.ledger.resumable()) {
      if (scheduled.has(delivery.subscriptionId)) work.push(this.track(this.deps.delivery.resume(delivery)));
    }
    const at = this.now();
    for (const subscription of scheduled.values()) work.push(this.track(this.catchUpOne(subscription, at)));
    const settled = await Promise.allSettled(work);
    return settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  }

  /** Stops every task and waits for the digests in progress to finish (or fail into the ledger). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const id of [...this.tasks.keys()]) this.unschedule(id);
    await Promise.allSettled([...this.inFlight]);
  }

  private schedule(subscription: Subscription): void {
    const task = cron.schedule(
      cronExpression(subscription.time),
      async () => {
        const result = await this.tick(subscription.id);
        if (result.status === 'failed' || result.status === 'paused') {
          this.deps.logger.warn('digest not delivered', { subscription: subscription.id, ...result });
        }
      },
      { timezone: subscription.timeZone, name: `digest-${subscription.id}`, noOverlap: true },
    );
    this.tasks.set(subscription.id, task);
  }

  private unschedule(subscriptionId: number): void {
    const task = this.tasks.get(subscriptionId);
    if (!task) return;
    this.tasks.delete(subscriptionId);
    void task.destroy();
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  private async runDue(subscriptionId: number, at: Date): Promise<TickResult> {
    const subscription = this.deps.subscriptions.get(subscriptionId);
    if (!subscription?.active || subscription.pausedReason !== null) return { status: 'not-due' };
    const occurrence = latestOccurrence(at, subscription.time, subscription.timeZone);
    if (occurrence.getTime() <= subscription.scheduleSince.getTime()) return { status: 'not-due' };
    return this.dueOccurrence(subscription, occurrence, at);
  }

  private async dueOccurrence(subscription: Subscription, occurrence: Date, at: Date): Promise<TickResult> {
    const key = occurrence.toISOString();
    if (at.getTime() - occurrence.getTime() >= this.windowMs) {
      this.deps.ledger.recordMissed(subscription.id, key, 'more than the catch-up window late');
      return { status: 'missed', occurrence: key };
    }
    return this.deps.delivery.deliver(subscription, key);
  }

  private async catchUpOne(subscription: Subscription, at: Date): Promise<TickResult> {
    const latest = latestOccurrence(at, subscription.time, subscription.timeZone);
    const recorded = this.deps.ledger.latestOccurrence(subscription.id);
    const bound = Math.max(subscription.scheduleSince.getTime(), recorded ? Date.parse(recorded) : 0);
    if (latest.getTime() <= bound) return { status: 'not-due' };
    // Older days of a long downtime are only recorded: a digest is never posted days late.
    let older = previousOccurrence(latest, subscription.time, subscription.timeZone);
    for (let day = 0; day < missedHistoryDays && older.getTime() > bound; day++) {
      this.deps.ledger.recordMissed(subscription.id, older.toISOString(), 'the bot was not running');
      older = previousOccurrence(older, subscription.time, subscription.timeZone);
    }
    return this.dueOccurrence(subscription, latest, at);
  }
}
