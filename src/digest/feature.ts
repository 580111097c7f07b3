import { randomUUID } from 'node:crypto';
import type { REST } from 'discord.js';
import type { ArticleStore } from '../articles/types.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../log.ts';
import type { Summarize } from '../summarizer/types.ts';
import type { ComposedDigest } from './compose.ts';
import { DigestDelivery, type DeliveryResult, type DigestPoster } from './delivery.ts';
import { restPoster } from './discord-poster.ts';
import { DeliveryLedger } from './ledger.ts';
import { DigestScheduler } from './scheduler.ts';
import { SubscriptionStore, type Subscription } from './subscriptions.ts';

/** Everything the /digest command and main.ts need, built once from plain dependencies. */
export interface DigestFeature {
  readonly subscriptions: SubscriptionStore;
  readonly ledger: DeliveryLedger;
  readonly delivery: DigestDelivery;
  readonly scheduler: DigestScheduler;
  readonly now: () => Date;
  /** What the subscription's next digest would post now (nothing is recorded). */
  preview(subscription: Subscription): ComposedDigest;
  /** Posts a digest at once, outside the schedule; `key` makes a retried request idempotent. */
  postNow(subscription: Subscription, key: string): Promise<DeliveryResult>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface DigestFeatureOptions {
  readonly db: Db;
  readonly articles: Pick<ArticleStore, 'addedAfter'>;
  readonly summarize: Summarize;
  readonly logger: Logger;
  /** discord.js REST (the client's `client.rest`), or any poster (tests, console mode). */
  readonly rest?: REST;
  readonly poster?: DigestPoster;
  readonly now?: () => Date;
  /** Names this process in the ledger's leases. */
  readonly owner?: string;
  readonly leaseMs?: number;
  readonly catchUpWindowMs?: number;
}

export function createDigestFeature(options: DigestFeatureOptions): DigestFeature {
  const now = options.now ?? (() => new Date());
  const poster = options.poster ?? (options.rest ? restPoster(options.rest) : undefined);
  if (!poster) throw new Error('createDigestFeature needs a REST client or a poster');
  const subscriptions = new SubscriptionStore(options.db, now);
  const ledger = new DeliveryLedger(options.db, options.owner ?? `pid${process.pid}-${randomUUID().slice(0, 8)}`, now, options.leaseMs);
  const delivery = new DigestDelivery({
    subscriptions,
    ledger,
    articles: options.articles,
    summarize: options.summarize,
    poster,
    logger: options.logger,
    now,
  });
  const scheduler = new DigestScheduler({
    subscriptions,
    ledger,
    delivery,
    logger: options.logger,
    now,
    ...(options.catchUpWindowMs === undefined ? {} : { catchUpWindowMs: options.catchUpWindowMs }),
  });
  return {
    subscriptions,
    ledger,
    delivery,
    scheduler,
    now,
    preview: (subscription) => delivery.compose(subscription),
    postNow: (subscription, key) => delivery.deliver(subscription, `manual:${key}`),
    start: () => scheduler.start(),
    stop: () => scheduler.stop(),
  };
}
