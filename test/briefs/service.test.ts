import { describe, expect, it } from 'vitest';
import { createBriefService, type Summarize } from '../../src/briefs/service.ts';
import { LruCache } from '../../src/briefs/lru.ts';
import type { Summary } from '../../src/summarizer/types.ts';
import { MemoryArticleStore, newArticle } from './memory-store.ts';

function fakeSummarize(): Summarize & { calls: number } {
  const fn = ((text: string, options: { length?: string }) => {
    fn.calls += 1;
    const summary: Summary = {
      headline: `${options.length}: ${text.slice(0, 10)}`,
      sentences: [text],
      keywords: [],
      quotes: [],
      articleWords: 1,
      summaryWords: 1,
      ratio: 1,
    };
    return summary;
  }) as Summarize & { calls: number };
  fn.calls = 0;
  return fn;
}

function seeded() {
  const store = new MemoryArticleStore();
  store.add(newArticle('Putin meets China defense minister', 'Russian President Vladimir Putin met Li Shangfu.'));
  store.add(newArticle('Iraq and Afghanistan in WTO talks', 'The World Trade Organization opened talks.'));
  store.add(newArticle('Mobile phones go online', 'Half of UK mobiles go online, says a survey about China too.'));
  return store;
}

describe('LruCache', () => {
  it('evicts the least recently used entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('rejects a capacity below one', () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});

describe('BriefService.resolveArticle', () => {
  it('takes a picked id, also written #id', () => {
    const service = createBriefService({ store: seeded(), summarize: fakeSummarize() });
    const byId = service.resolveArticle('2');
    expect(byId.ok && byId.article.title).toBe('Iraq and Afghanistan in WTO talks');
    const hashed = service.resolveArticle(' #3 ');
    expect(hashed.ok && hashed.article.id).toBe(3);
  });

  it('treats typed text as a search and uses the best match', () => {
    const service = createBriefService({ store: seeded(), summarize: fakeSummarize() });
    const result = service.resolveArticle('putin');
    expect(result.ok && result.article.id).toBe(1);
    const bodyOnly = service.resolveArticle('World Trade');
    expect(bodyOnly.ok && bodyOnly.article.id).toBe(2);
  });

  it('reports empty and unmatched references as values', () => {
    const service = createBriefService({ store: seeded(), summarize: fakeSummarize() });
    expect(service.resolveArticle('   ')).toEqual({ ok: false, reason: 'empty', query: '' });
    expect(service.resolveArticle('zebra crossing')).toEqual({ ok: false, reason: 'not-found', query: 'zebra crossing' });
    // An id that does not exist and matches nothing as text.
    expect(service.resolveArticle('999')).toMatchObject({ ok: false, reason: 'not-found' });
  });

  it('treats a failing search as no match', () => {
    const store = seeded();
    store.search = () => {
      throw new Error('fts5: syntax error');
    };
    store.suggest = () => [];
    const service = createBriefService({ store, summarize: fakeSummarize() });
    expect(service.resolveArticle('"unbalanced')).toMatchObject({ ok: false, reason: 'not-found' });
  });
});

describe('BriefService.summarize', () => {
  it('caches per article and length', () => {
    const summarize = fakeSummarize();
    const store = seeded();
    const service = createBriefService({ store, summarize });
    const article = store.get(1)!;
    const first = service.summarize(article, 'short');
    expect(service.summarize(article, 'short')).toBe(first);
    expect(summarize.calls).toBe(1);
    expect(service.summarize(article, 'long').headline.startsWith('long')).toBe(true);
    expect(summarize.calls).toBe(2);
  });

  it('forgets the oldest summaries beyond the cache size', () => {
    const summarize = fakeSummarize();
    const store = seeded();
    const service = createBriefService({ store, summarize, cacheSize: 1 });
    service.summarize(store.get(1)!, 'short');
    service.summarize(store.get(2)!, 'short');
    service.summarize(store.get(1)!, 'short');
    expect(summarize.calls).toBe(3);
  });
});

describe('BriefService.suggest and page', () => {
  it('suggests newest articles for an empty query and title matches otherwise', () => {
    const service = createBriefService({ store: seeded(), summarize: fakeSummarize() });
    expect(service.suggest('', 2).map((a) => a.id)).toEqual([3, 2]);
    expect(service.suggest('putin', 25).map((a) => a.id)).toEqual([1]);
  });

  it('falls back to full-text search when no title matches', () => {
    const service = createBriefService({ store: seeded(), summarize: fakeSummarize() });
    expect(service.suggest('survey', 25).map((a) => a.id)).toEqual([3]);
  });

  it('pages the newest list and says whether there is a next page', () => {
    const store = new MemoryArticleStore();
    for (let i = 1; i <= 12; i += 1) store.add(newArticle(`Story ${i}`, `Body ${i}.`));
    const service = createBriefService({ store, summarize: fakeSummarize() });
    const first = service.page(null, 0, 5);
    expect(first.items.map((a) => a.id)).toEqual([12, 11, 10, 9, 8]);
    expect(first.hasNext).toBe(true);
    const last = service.page('  ', 2, 5);
    expect(last.query).toBeNull();
    expect(last.items.map((a) => a.id)).toEqual([2, 1]);
    expect(last.hasNext).toBe(false);
  });

  it('pages search results', () => {
    const service = createBriefService({ store: seeded(), summarize: fakeSummarize() });
    const page = service.page('china', 0, 1);
    expect(page.query).toBe('china');
    expect(page.items.map((a) => a.id)).toEqual([1]);
    expect(page.hasNext).toBe(true);
  });
});
