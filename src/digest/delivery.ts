import type { Embed } from '../discord/format.ts';
import type { Summarize, Summary } from '../summarizer/types.ts';
import type { ArticleStore } from '../articles/types.ts';
import type { Logger } from '../log.ts';
import { composeDigest, type ComposedDigest, type DigestMessage } from './compose.ts';
import type { Delivery, DeliveryLedger } from './ledger.ts';
import type { Subscription, SubscriptionStore } from './subscriptions.ts';

/** What posting one message came to. `gone` and `forbidden` pause the subscription. */
export type PostOutcome =
  | { readonly ok: true; readonly messageId: string }
  | { readonly ok: false; readonly kind: 'gone' | 'forbidden' | 'failed'; readonly reason: string };

/** The one thing delivery needs from Discord. The nonce lets Discord drop a repeat of the same post. */
export interface DigestPoster {
  post(channelId: string, message: DigestMessage, nonce: string): Promise<PostOutcome>;
}

export type DeliveryResult =
  | { readonly status: 'posted'; readonly deliveryId: number; readonly messages: number }
  | { readonly status: 'empty'; readonly deliveryId: number }
  | { readonly status: 'taken'; readonly reason: string }
  | { readonly status: 'paused'; readonly deliveryId: number; readonly reason: string }
  | { readonly status: 'failed'; readonly deliveryId: number; readonly reason: string };

export interface DigestDeliveryDeps {
  readonly subscriptions: SubscriptionStore;
  readonly ledger: DeliveryLedger;
  readonly articles: Pick<ArticleStore, 'addedAfter'>;
  readonly summarize: Summarize;
  readonly poster: DigestPoster;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** Nonce of message `index` of delivery `id`: stable across retries, under Discord's 25 characters. */
export function messageNonce(deliveryId: number, index: number): string {
  return `bb${deliveryId}.${index}`;
}

/** Runs digests through the ledger: claim, plan once, post the unsent messages in order, complete. */
export class DigestDelivery {
  private readonly now: () => Date;
  private readonly summaryCache = new Map<number, Summary>();
  private readonly embedCache = new Map<number, Embed>();

  constructor(private readonly deps: DigestDeliveryDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Delivers the digest of one occurrence unless another run already has it. */
  async deliver(subscription: Subscription, occurrence: string): Promise<DeliveryResult> {
    const claimed = this.deps.ledger.claim(subscription.id, occurrence);
    if (!claimed) return { status: 'taken', reason: 'occurrence already claimed' };
    return this.run(claimed);
  }

  /** Retries an unfinished delivery (failed, or abandoned by a dead process), sending only what is missing. */
  async resume(delivery: Delivery): Promise<DeliveryResult> {
    const taken = this.deps.ledger.takeOver(delivery.id);
    if (!taken) return { status: 'taken', reason: 'delivery held by another run' };
    return this.run(taken);
  }

  private async run(claimed: Delivery): Promise<DeliveryResult> {
    const { ledger, subscriptions, logger } = this.deps;
    const subscription = subscriptions.get(claimed.subscriptionId);
    if (!subscription) {
      ledger.fail(claimed.id, 'subscription not found');
      return { status: 'failed', deliveryId: claimed.id, reason: 'subscription not found' };
    }
    try {
      const delivery = claimed.plan === null ? this.planFor(claimed, subscription) : claimed;
      const plan = delivery.plan ?? [];
      for (let index = delivery.sentCount; index < plan.length; index++) {
        const message = plan[index];
        if (!message) break;
        if (!ledger.renew(delivery.id)) return { status: 'taken', reason: 'lease lost to another run' };
        const outcome = await this.deps.poster.post(subscription.channelId, message, messageNonce(delivery.id, index));
        if (outcome.ok) {
          ledger.recordSent(delivery.id, index, outcome.messageId);
          continue;
        }
        ledger.fail(delivery.id, outcome.reason);
        if (outcome.kind === 'failed') {
          logger.warn('digest post failed; will retry at next start', { subscription: subscription.id, reason: outcome.reason });
          return { status: 'failed', deliveryId: delivery.id, reason: outcome.reason };
        }
        subscriptions.pause(subscription.id, outcome.reason);
        logger.warn('digest subscription paused', { subscription: subscription.id, reason: outcome.reason });
        return { status: 'paused', deliveryId: delivery.id, reason: outcome.reason };
      }
      ledger.complete(delivery.id);
      return plan.length === 0
        ? { status: 'empty', deliveryId: delivery.id }
        : { status: 'posted', deliveryId: delivery.id, messages: plan.length };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      ledger.fail(claimed.id, reason);
      logger.error('digest delivery crashed', { subscription: subscription.id, error });
      return { status: 'failed', deliveryId: claimed.id, reason };
    }
  }

  /** What the subscription's next digest would post now; nothing is claimed or recorded. */
  compose(subscription: Subscription): ComposedDigest {
    // Summaries are shared by channels within a run; a long-lived process starts afresh now and then.
    if (this.summaryCache.size > 5000) this.summaryCache.clear();
    if (this.embedCache.size > 5000) this.embedCache.clear();
    return composeDigest(
      {
        lastArticleId: subscription.lastArticleId,
        maxArticles: subscription.maxArticles,
        notifyEmpty: subscription.notifyEmpty,
        now: this.now(),
      },
      { articles: this.deps.articles, summarize: this.deps.summarize, summaryCache: this.summaryCache, embedCache: this.embedCache },
    );
  }

  private planFor(delivery: Delivery, subscription: Subscription): Delivery {
    const composed = this.compose(subscription);
    return this.deps.ledger.plan(delivery.id, {
      messages: composed.messages,
      articleIds: composed.articleIds,
      lastArticleId: composed.lastArticleId,
    });
  }
}
