import { createHash } from 'node:crypto';
import { openDatabase, type Db } from '../db/database.ts';
import type {
  AddResult,
  Article,
  ArticleListing,
  ArticleStore,
  ListOptions,
  NewArticle,
} from './types.ts';

interface ArticleRow {
  id: number;
  title: string;
  source: string;
  byline: string | null;
  published_at: string | null;
  raw_text: string;
  clean_text: string;
  content_hash: string;
  added_at: string;
}

type ListingRow = Pick<ArticleRow, 'id' | 'title' | 'source' | 'byline' | 'published_at' | 'added_at'>;

const listingColumns = 'a.id, a.title, a.source, a.byline, a.published_at, a.added_at';

/** How many of the newest matches a search ranks by relevance (bounds the latency of common words). */
export const SEARCH_CANDIDATES = 500;
const SUGGEST_CANDIDATES = 100;

function toArticle(row: ArticleRow): Article {
  return {
    ...toListing(row),
    rawText: row.raw_text,
    cleanText: row.clean_text,
    contentHash: row.content_hash,
  };
}

function toListing(row: ListingRow): ArticleListing {
  return {
    id: row.id,
    title: row.title,
    source: row.source,
    byline: row.byline,
    publishedAt: row.published_at,
    addedAt: row.added_at,
  };
}

/** Identity of an article: its cleaned text, with whitespace and case folded so trivial re-scrapes match. */
export function contentHashOf(cleanText: string): string {
  const normalized = cleanText.replace(/\s+/g, ' ').trim().toLowerCase();
  return createHash('sha256').update(normalized).digest('hex');
}

/**
 * Turns free text into a safe FTS5 query: every word becomes a quoted term (so user input can
 * never be parsed as FTS syntax) and the last one a prefix, for search-as-you-type.
 */
export function toFtsQuery(text: string, prefixLast = true): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (words === null) return null;
  const terms = words.slice(0, 16).map((word, index, all) => {
    const quoted = `"${word}"`;
    // A one-letter prefix would expand to a large share of the vocabulary: match it as a word.
    return prefixLast && index === all.length - 1 && word.length >= 2 ? `${quoted}*` : quoted;
  });
  return terms.join(' ');
}

/** The embedded store: one SQLite file, FTS5 for search. */
export class SqliteArticleStore implements ArticleStore {
  readonly db: Db;
  private readonly statements;

  constructor(db: Db) {
    this.db = db;
    this.statements = {
      insert: db.prepare(
        `INSERT INTO articles (title, source, byline, published_at, raw_text, clean_text, content_hash, added_at)
         VALUES (@title, @source, @byline, @publishedAt, @rawText, @cleanText, @contentHash, @addedAt)
         ON CONFLICT (content_hash) DO NOTHING`,
      ),
      byHash: db.prepare<[string], ArticleRow>('SELECT * FROM articles WHERE content_hash = ?'),
      byId: db.prepare<[number], ArticleRow>('SELECT * FROM articles WHERE id = ?'),
      list: db.prepare<[number, number], ListingRow>(
        `SELECT ${listingColumns} FROM articles a ORDER BY a.added_at DESC, a.id DESC LIMIT ? OFFSET ?`,
      ),
      // Relevance is ranked within the newest matches only: sorting every hit of a common word by
      // bm25 costs hundreds of milliseconds at 100,000 articles, while walking the index newest
      // first stops early. bm25 weights: a title hit counts ten times a body hit.
      search: db.prepare<[string, number, number], ListingRow>(
        `SELECT ${listingColumns} FROM (
           SELECT rowid AS id, bm25(articles_fts, 10.0, 1.0) AS score FROM articles_fts
           WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ${SEARCH_CANDIDATES}
         ) c JOIN articles a ON a.id = c.id ORDER BY c.score, a.id DESC LIMIT ? OFFSET ?`,
      ),
      suggestTitle: db.prepare<[string, number], ListingRow>(
        `SELECT ${listingColumns} FROM (
           SELECT rowid AS id, bm25(titles_fts) AS score FROM titles_fts
           WHERE titles_fts MATCH ? ORDER BY rowid DESC LIMIT ${SUGGEST_CANDIDATES}
         ) c JOIN articles a ON a.id = c.id ORDER BY c.score, a.id DESC LIMIT ?`,
      ),
      suggestBody: db.prepare<[string, number], ListingRow>(
        `SELECT ${listingColumns} FROM (
           SELECT rowid AS id, bm25(articles_fts, 10.0, 1.0) AS score FROM articles_fts
           WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ${SUGGEST_CANDIDATES}
         ) c JOIN articles a ON a.id = c.id ORDER BY c.score, a.id DESC LIMIT ?`,
      ),
      addedAfter: db.prepare<[number, number], ArticleRow>('SELECT * FROM articles WHERE id > ? ORDER BY id LIMIT ?'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM articles'),
    };
  }

  /** Opens (creating and migrating when needed) the SQLite file at `path`. */
  static open(path: string): SqliteArticleStore {
    return new SqliteArticleStore(openDatabase(path));
  }

  add(article: NewArticle): AddResult {
    const contentHash = contentHashOf(article.cleanText);
    const info = this.statements.insert.run({
      title: article.title,
      source: article.source,
      byline: article.byline,
      publishedAt: article.publishedAt,
      rawText: article.rawText,
      cleanText: article.cleanText,
      contentHash,
      addedAt: new Date().toISOString(),
    });
    const row = this.statements.byHash.get(contentHash);
    if (row === undefined) throw new Error('article vanished right after insert');
    return { article: toArticle(row), created: info.changes > 0 };
  }

  addMany(articles: readonly NewArticle[]): AddResult[] {
    return this.db.transaction((batch: readonly NewArticle[]) => batch.map((a) => this.add(a)))(articles);
  }

  get(id: number): Article | undefined {
    if (!Number.isSafeInteger(id)) return undefined;
    const row = this.statements.byId.get(id);
    return row === undefined ? undefined : toArticle(row);
  }

  list(options: ListOptions): ArticleListing[] {
    return this.statements.list.all(clampLimit(options.limit), Math.max(0, options.offset ?? 0)).map(toListing);
  }

  search(query: string, options: ListOptions): ArticleListing[] {
    const match = toFtsQuery(query);
    if (match === null) return [];
    return this.statements.search
      .all(match, clampLimit(options.limit), Math.max(0, options.offset ?? 0))
      .map(toListing);
  }

  suggest(query: string, limit: number): ArticleListing[] {
    const match = toFtsQuery(query);
    if (match === null) return this.list({ limit });
    // Titles first; fall back to body matches so a keyword in the text still finds the article.
    const titleHits = this.statements.suggestTitle.all(match, clampLimit(limit)).map(toListing);
    if (titleHits.length >= limit) return titleHits;
    const seen = new Set(titleHits.map((a) => a.id));
    const bodyHits = this.statements.suggestBody.all(match, clampLimit(limit)).map(toListing).filter((a) => !seen.has(a.id));
    return [...titleHits, ...bodyHits].slice(0, limit);
  }

  addedAfter(id: number, limit: number): Article[] {
    return this.statements.addedAfter.all(id, clampLimit(limit)).map(toArticle);
  }

  count(): number {
    return this.statements.count.get()?.n ?? 0;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function clampLimit(limit: number): number {
  return Math.max(0, Math.min(1000, Math.floor(limit)));
}
