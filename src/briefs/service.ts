/**
 * What the commands need from stored articles, with no Discord in it: find the article a user
 * meant, summarize it (cached), list and search pages, autocomplete suggestions.
 */
import type { Article, ArticleListing, ArticleStore } from '../articles/types.ts';
import type { Summarize, Summary, SummaryLength } from '../summarizer/types.ts';
import { LruCache } from './lru.ts';

export type { Summarize } from '../summarizer/types.ts';

export type ResolvedArticle =
  | { readonly ok: true; readonly article: Article }
  | { readonly ok: false; readonly reason: 'empty' | 'not-found'; readonly query: string };

export interface ListingPage {
  readonly items: readonly ArticleListing[];
  /** Zero-based page number. */
  readonly page: number;
  readonly hasNext: boolean;
  /** null for the newest-first listing. */
  readonly query: string | null;
}

export interface BriefService {
  /** An id (as picked from autocomplete, optionally `#12`) or free text treated as a search. */
  resolveArticle(reference: string): ResolvedArticle;
  summarize(article: Article, length: SummaryLength): Summary;
  /** Autocomplete: title matches first, topped up with full-text matches; newest for fewer than 2 characters. */
  suggest(query: string, limit: number): ArticleListing[];
  page(query: string | null, page: number, pageSize: number): ListingPage;
}

export interface BriefServiceOptions {
  readonly store: ArticleStore;
  readonly summarize: Summarize;
  /** Summaries kept in memory (per article and length). */
  readonly cacheSize?: number;
}

export function createBriefService(options: BriefServiceOptions): BriefService {
  const { store } = options;
  const cache = new LruCache<string, Summary>(options.cacheSize ?? 256);

  // Free text from users can trip a full-text query parser; a bad query is just "no match".
  const safeSearch = (query: string, limit: number, offset = 0): ArticleListing[] => {
    try {
      return store.search(query, { limit, offset });
    } catch {
      return [];
    }
  };
  const safeSuggest = (query: string, limit: number): ArticleListing[] => {
    try {
      return store.suggest(query, limit);
    } catch {
      return [];
    }
  };

  return {
    resolveArticle(reference) {
      const query = reference.replace(/\s+/g, ' ').trim();
      if (query === '') return { ok: false, reason: 'empty', query };
      const idMatch = /^#?(\d{1,15})$/.exec(query);
      if (idMatch) {
        const article = store.get(Number(idMatch[1]));
        if (article) return { ok: true, article };
      }
      const best = safeSuggest(query, 1)[0] ?? safeSearch(query, 1)[0];
      const article = best ? store.get(best.id) : undefined;
      return article ? { ok: true, article } : { ok: false, reason: 'not-found', query };
    },

    summarize(article, length) {
      const key = `${article.id}:${article.contentHash}:${length}`;
      const cached = cache.get(key);
      if (cached) return cached;
      const summary = options.summarize(article.cleanText, { length });
      cache.set(key, summary);
      return summary;
    },

    suggest(query, limit) {
      const q = query.replace(/\s+/g, ' ').trim();
      // One letter matches nearly everything and costs the most to rank: show the newest instead.
      if (q.length < 2) return store.list({ limit });
      // The store's suggest already tops title matches up with body matches; fall back to a plain
      // search only when it found nothing (another store implementation may be title-only).
      const found = safeSuggest(q, limit);
      if (found.length > 0) return found.slice(0, limit);
      return safeSearch(q, limit);
    },

    page(query, page, pageSize) {
      const q = query?.replace(/\s+/g, ' ').trim() || null;
      const offset = Math.max(0, page) * pageSize;
      const rows = q === null ? store.list({ limit: pageSize + 1, offset }) : safeSearch(q, pageSize + 1, offset);
      return { items: rows.slice(0, pageSize), page: Math.max(0, page), hasNext: rows.length > pageSize, query: q };
    },
  };
}
