import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteArticleStore } from '../../src/articles/store-sqlite.ts';
import type { NewArticle } from '../../src/articles/types.ts';
import { openDatabase, type Db } from '../../src/db/database.ts';
import { silentLogger } from '../../src/log.ts';
import { summarize } from '../../src/summarizer/summarize.ts';
import type { DigestMessage } from '../../src/digest/compose.ts';
import type { Summarize } from '../../src/summarizer/types.ts';
import { DigestDelivery, type DigestPoster, type PostOutcome } from '../../src/digest/delivery.ts';
import { DeliveryLedger } from '../../src/digest/ledger.ts';
import { DigestScheduler } from '../../src/digest/scheduler.ts';
import { SubscriptionStore } from '../../src/digest/subscriptions.ts';

export interface Post {
  readonly channelId: string;
  readonly message: DigestMessage;
  readonly nonce: string;
}

/** A poster that records every post; outcomes can be scripted per channel. */
export class RecordingPoster implements DigestPoster {
  readonly posts: Post[] = [];
  private nextId = 1000;
  /** Returned (instead of posting) for every post to the channel. */
  readonly refuse = new Map<string, Exclude<PostOutcome, { ok: true }>>();
  /** Called before each post; may throw or hang to simulate a crash. */
  before: ((post: Post, index: number) => Promise<void> | void) | undefined;

  async post(channelId: string, message: DigestMessage, nonce: string): Promise<PostOutcome> {
    const post = { channelId, message, nonce };
    await this.before?.(post, this.posts.length);
    const refused = this.refuse.get(channelId);
    if (refused) return refused;
    this.posts.push(post);
    return { ok: true, messageId: String(this.nextId++) };
  }

  to(channelId: string): Post[] {
    return this.posts.filter((post) => post.channelId === channelId);
  }
}

export function tempDir(): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'briefbot-digest-'));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

const paragraph = (topic: string, n: number): string =>
  `${topic} officials announced a new plan on Monday after months of debate in the city council. ` +
  `The proposal would change how ${topic.toLowerCase()} services are funded over the next ${n + 2} years. ` +
  `"We have waited long enough for this," said Maria Lopez, the council's chair. ` +
  `Critics argued that the costs were underestimated and that residents had not been consulted. ` +
  `A final vote is expected next month, when the budget committee reports back.`;

export function sampleArticle(index: number, overrides: Partial<NewArticle> = {}): NewArticle {
  const topic = ['Transit', 'Housing', 'Water', 'School', 'Library', 'Parks', 'Energy', 'Health', 'Road', 'Port'][index % 10] ?? 'City';
  return {
    title: `${topic} plan ${index} moves ahead`,
    source: `https://news.example/${index}`,
    byline: 'Staff reporter',
    publishedAt: null,
    rawText: paragraph(topic, index),
    cleanText: `${paragraph(topic, index)} Story number ${index}.`,
    ...overrides,
  };
}

/** One "process": its own connection, ledger (owner) and scheduler over a shared database file. */
export interface Instance {
  readonly db: Db;
  readonly articles: SqliteArticleStore;
  readonly subscriptions: SubscriptionStore;
  readonly ledger: DeliveryLedger;
  readonly delivery: DigestDelivery;
  readonly scheduler: DigestScheduler;
  readonly poster: RecordingPoster;
  close(): Promise<void>;
}

export function instance(
  path: string,
  options: { owner?: string; now?: () => Date; poster?: RecordingPoster; leaseMs?: number; summarize?: Summarize } = {},
): Instance {
  const db = openDatabase(path);
  const now = options.now ?? (() => new Date());
  const articles = new SqliteArticleStore(db);
  const subscriptions = new SubscriptionStore(db, now);
  const ledger = new DeliveryLedger(db, options.owner ?? 'test', now, options.leaseMs ?? 60_000);
  const poster = options.poster ?? new RecordingPoster();
  const delivery = new DigestDelivery({
    subscriptions,
    ledger,
    articles,
    summarize: options.summarize ?? summarize,
    poster,
    logger: silentLogger,
    now,
  });
  const scheduler = new DigestScheduler({ subscriptions, ledger, delivery, logger: silentLogger, now });
  return {
    db,
    articles,
    subscriptions,
    ledger,
    delivery,
    scheduler,
    poster,
    close: async () => {
      await scheduler.stop();
      db.close();
    },
  };
}

/** A summarizer that keeps every sentence: makes digests long enough to span several messages. */
export const wordySummarize: Summarize = (text) => {
  const sentences = text.split(/(?<=[.!?])\s+/).filter((s) => s !== '');
  const words = text.split(/\s+/).length;
  return { headline: sentences[0] ?? '', sentences, keywords: [], quotes: [], articleWords: words, summaryWords: words, ratio: 1 };
};

export function longArticles(count: number): NewArticle[] {
  return Array.from({ length: count }, (_, i) =>
    sampleArticle(i, {
      cleanText: Array.from({ length: 12 }, (_, j) => `Sentence ${j} adds another detail to the long story ${i} about the plan.`).join(' '),
    }),
  );
}
