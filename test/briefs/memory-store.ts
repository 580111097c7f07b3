/** An in-memory ArticleStore for unit tests: substring matching instead of full-text search. */
import { createHash } from 'node:crypto';
import type { AddResult, Article, ArticleListing, ArticleStore, ListOptions, NewArticle } from '../../src/articles/types.ts';

function listing(article: Article): ArticleListing {
  const { id, title, source, byline, publishedAt, addedAt } = article;
  return { id, title, source, byline, publishedAt, addedAt };
}

export class MemoryArticleStore implements ArticleStore {
  readonly articles: Article[] = [];
  searchCalls = 0;
  closed = false;

  add(input: NewArticle): AddResult {
    const contentHash = createHash('sha256').update(input.cleanText).digest('hex');
    const existing = this.articles.find((a) => a.contentHash === contentHash);
    if (existing) return { article: existing, created: false };
    const id = this.articles.length + 1;
    const article: Article = { ...input, id, contentHash, addedAt: new Date(Date.UTC(2024, 0, 1, 0, id)).toISOString() };
    this.articles.push(article);
    return { article, created: true };
  }

  addMany(inputs: readonly NewArticle[]): AddResult[] {
    return inputs.map((input) => this.add(input));
  }

  get(id: number): Article | undefined {
    return this.articles.find((a) => a.id === id);
  }

  list(options: ListOptions): ArticleListing[] {
    const offset = options.offset ?? 0;
    return [...this.articles].reverse().slice(offset, offset + options.limit).map(listing);
  }

  search(query: string, options: ListOptions): ArticleListing[] {
    this.searchCalls += 1;
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const offset = options.offset ?? 0;
    return this.articles
      .filter((a) => words.length > 0 && words.every((w) => `${a.title} ${a.cleanText}`.toLowerCase().includes(w)))
      .slice(offset, offset + options.limit)
      .map(listing);
  }

  suggest(query: string, limit: number): ArticleListing[] {
    const q = query.toLowerCase().trim();
    if (q === '') return this.list({ limit });
    return this.articles.filter((a) => a.title.toLowerCase().includes(q)).slice(0, limit).map(listing);
  }

  addedAfter(id: number, limit: number): Article[] {
    return this.articles.filter((a) => a.id > id).slice(0, limit);
  }

  count(): number {
    return this.articles.length;
  }

  close(): void {
    this.closed = true;
  }
}

export function newArticle(title: string, cleanText: string, extra: Partial<NewArticle> = {}): NewArticle {
  return { title, source: `/data/${title.toLowerCase().replace(/\W+/g, '-')}.txt`, byline: null, publishedAt: null, rawText: cleanText, cleanText, ...extra };
}
