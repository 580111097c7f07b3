import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/types.ts';
import { composeDigest, emptyNote, fitSentences, packEmbeds, summaryBudget } from '../../src/digest/compose.ts';
import { embedLength, type Embed } from '../../src/discord/format.ts';
import { summarize } from '../../src/summarizer/summarize.ts';
import { sampleArticle } from './helpers.ts';

function fakeStore(articles: Article[]) {
  return {
    addedAfter: (id: number, limit: number) => articles.filter((a) => a.id > id).slice(0, limit),
  };
}

function article(id: number, overrides: Partial<Article> = {}): Article {
  const base = sampleArticle(id);
  return {
    id,
    title: base.title,
    source: base.source,
    byline: base.byline,
    publishedAt: null,
    rawText: base.rawText,
    cleanText: base.cleanText,
    contentHash: `h${id}`,
    addedAt: '2024-05-01T08:00:00.000Z',
    ...overrides,
  };
}

const now = new Date('2024-05-02T08:00:00Z');

describe('fitSentences', () => {
  it('keeps whole sentences only', () => {
    const sentences = ['One two three.', 'Four five six.', 'Seven eight nine.'];
    expect(fitSentences(sentences, 30)).toBe('One two three. Four five six.');
    expect(fitSentences(sentences, 29)).toBe('One two three. Four five six.');
    expect(fitSentences(sentences, 28)).toBe('One two three.');
  });

  it('shortens a single over-long sentence at a word instead of returning nothing', () => {
    const out = fitSentences(['word '.repeat(100).trim() + '.'], 50);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(out.endsWith('…')).toBe(true);
  });
});

describe('packEmbeds', () => {
  it('never exceeds 10 embeds or 6000 characters per message and keeps order', () => {
    const embedArb = fc.record({ title: fc.string({ maxLength: 256 }), description: fc.string({ maxLength: 4096 }) });
    fc.assert(
      fc.property(fc.array(embedArb, { maxLength: 30 }), (embeds: Embed[]) => {
        const pages = packEmbeds(embeds);
        for (const page of pages) {
          expect(page.length).toBeLessThanOrEqual(10);
          expect(page.length).toBeGreaterThan(0);
          expect(page.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(6000);
        }
        expect(pages.flat()).toEqual(embeds);
      }),
      { numRuns: 200 },
    );
  });

  it('uses as few messages as the limits allow for small embeds', () => {
    const small: Embed[] = Array.from({ length: 10 }, (_, i) => ({ title: `t${i}`, description: 'x'.repeat(500) }));
    expect(packEmbeds(small)).toHaveLength(1);
    const big: Embed[] = Array.from({ length: 3 }, (_, i) => ({ title: `t${i}`, description: 'x'.repeat(2500) }));
    expect(packEmbeds(big).map((p) => p.length)).toEqual([2, 1]);
  });
});

describe('composeDigest', () => {
  it('posts the best unseen articles, best first, each with headline, summary and key quote', () => {
    const articles = [
      article(1, { addedAt: '2024-04-20T08:00:00.000Z' }), // old: ranks last
      article(2),
      article(3, { cleanText: 'Short note.', rawText: 'Short note.', title: 'Tiny' }),
      article(4),
    ];
    const digest = composeDigest(
      { lastArticleId: 0, maxArticles: 3, notifyEmpty: false, now },
      { articles: fakeStore(articles), summarize },
    );
    expect(digest.lastArticleId).toBe(4);
    expect(digest.considered).toBe(4);
    expect(digest.articleIds).toHaveLength(3);
    // Equal quality and age: the newer first; the stale and the empty one trail.
    expect(digest.articleIds.slice(0, 2)).toEqual([4, 2]);
    expect(digest.messages).toHaveLength(1);
    const [first] = digest.messages;
    expect(first?.content).toMatch(/3 new articles \(best of 4\)/);
    const embed = first?.embeds[0];
    expect(embed?.title).toMatch(/plan \d moves ahead/);
    expect(embed?.description).toMatch(/> “We have waited long enough for this,?” — \*Maria Lopez\*/);
    expect((embed?.description ?? '').split('\n\n')[0]?.length).toBeLessThanOrEqual(summaryBudget);
  });

  it('prefers recent articles over stale ones of the same quality', () => {
    const digest = composeDigest(
      { lastArticleId: 0, maxArticles: 2, notifyEmpty: false, now },
      {
        articles: fakeStore([article(1), article(2, { addedAt: '2024-04-25T08:00:00.000Z' }), article(3, { addedAt: '2024-05-02T07:00:00.000Z' })]),
        summarize,
      },
    );
    expect(digest.articleIds).toEqual([3, 1]);
  });

  it('only looks after the cursor, so an article is never offered twice', () => {
    const articles = [article(1), article(2), article(3)];
    const digest = composeDigest(
      { lastArticleId: 2, maxArticles: 10, notifyEmpty: false, now },
      { articles: fakeStore(articles), summarize },
    );
    expect(digest.articleIds).toEqual([3]);
  });

  it('nothing new: no messages, or the opt-in note', () => {
    const quiet = composeDigest({ lastArticleId: 5, maxArticles: 5, notifyEmpty: false, now }, { articles: fakeStore([]), summarize });
    expect(quiet.messages).toEqual([]);
    expect(quiet.lastArticleId).toBe(5);
    const noted = composeDigest({ lastArticleId: 5, maxArticles: 5, notifyEmpty: true, now }, { articles: fakeStore([]), summarize });
    expect(noted.messages).toEqual([{ content: emptyNote, embeds: [] }]);
  });

  it('escapes markdown and mentions from article text', () => {
    const text =
      'The **mayor** said _nothing_ about @everyone at the [meeting](http://x.example) today. ' +
      'Residents were left waiting for an answer on the plan for the whole afternoon.';
    const digest = composeDigest(
      { lastArticleId: 0, maxArticles: 1, notifyEmpty: false, now },
      { articles: fakeStore([article(1, { cleanText: text, title: '# Breaking *news*' })]), summarize },
    );
    const embed = digest.messages[0]?.embeds[0];
    expect(embed?.description).toContain('\\*\\*mayor\\*\\*');
    expect(embed?.description).not.toContain('@everyone');
    expect(embed?.title).toContain('\\*news\\*');
  });

  it('splits ten long entries over several messages within the limits', () => {
    const long = Array.from({ length: 12 }, (_, i) =>
      article(i + 1, {
        cleanText: Array.from({ length: 40 }, (_, j) => `Sentence ${j} of article ${i} explains another detail of the long plan.`).join(' '),
      }),
    );
    const digest = composeDigest(
      { lastArticleId: 0, maxArticles: 10, notifyEmpty: false, now },
      { articles: fakeStore(long), summarize: (text) => ({ ...summarize(text, { length: 'long' }) }) },
    );
    expect(digest.articleIds).toHaveLength(10);
    const embeds = digest.messages.flatMap((m) => m.embeds);
    expect(embeds).toHaveLength(10);
    for (const message of digest.messages) {
      expect(message.embeds.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(6000);
    }
    for (const embed of embeds) {
      expect(embed.description ?? '').toMatch(/\.$/); // cut at a sentence end
    }
  });
});
