/** A stored news article. Times are ISO-8601 strings in UTC. */
export interface Article {
  readonly id: number;
  readonly title: string;
  /** File path or URL the article came from. */
  readonly source: string;
  readonly byline: string | null;
  readonly publishedAt: string | null;
  readonly rawText: string;
  readonly cleanText: string;
  /** sha256 of the cleaned text: the identity used to skip duplicates. */
  readonly contentHash: string;
  readonly addedAt: string;
}

/** What a caller hands to the store; id, hash and added time are the store's business. */
export interface NewArticle {
  readonly title: string;
  readonly source: string;
  readonly byline: string | null;
  readonly publishedAt: string | null;
  readonly rawText: string;
  readonly cleanText: string;
}

/** A light row for lists, autocomplete and search results (no article bodies). */
export interface ArticleListing {
  readonly id: number;
  readonly title: string;
  readonly source: string;
  readonly byline: string | null;
  readonly publishedAt: string | null;
  readonly addedAt: string;
}

export interface AddResult {
  readonly article: Article;
  /** false when an article with the same content was already stored. */
  readonly created: boolean;
}

export interface ListOptions {
  readonly limit: number;
  readonly offset?: number;
}

/**
 * The only way the rest of the program reaches stored articles. SQLite implements it today;
 * a server database can implement it later without touching callers.
 */
export interface ArticleStore {
  add(article: NewArticle): AddResult;
  /** Adds many articles in one transaction: all or nothing. */
  addMany(articles: readonly NewArticle[]): AddResult[];
  get(id: number): Article | undefined;
  /** Newest first. */
  list(options: ListOptions): ArticleListing[];
  /** Full-text search over title and body, best match first (ranked among the newest matches). */
  search(query: string, options: ListOptions): ArticleListing[];
  /** Title-prefix search for autocomplete: fast, best match first. */
  suggest(query: string, limit: number): ArticleListing[];
  /** Articles added strictly after the given id, oldest first. */
  addedAfter(id: number, limit: number): Article[];
  count(): number;
  close(): void;
}
