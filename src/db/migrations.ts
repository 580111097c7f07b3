/**
 * Numbered schema migrations, applied in order and recorded in SQLite's user_version, so a newer
 * Briefbot opens an older database file. Never edit a released migration: append a new one.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'articles with full-text search',
    sql: `
      CREATE TABLE articles (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        title         TEXT NOT NULL,
        source        TEXT NOT NULL,
        byline        TEXT,
        published_at  TEXT,
        raw_text      TEXT NOT NULL,
        clean_text    TEXT NOT NULL,
        content_hash  TEXT NOT NULL UNIQUE,
        added_at      TEXT NOT NULL
      );
      CREATE INDEX articles_added_at ON articles (added_at);
      CREATE INDEX articles_title_nocase ON articles (title COLLATE NOCASE);

      -- External-content FTS index kept in step by triggers; title weighs more in bm25().
      CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, clean_text, content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
      );
      CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, clean_text) VALUES (new.id, new.title, new.clean_text);
      END;
      CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, clean_text) VALUES ('delete', old.id, old.title, old.clean_text);
      END;
      CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, clean_text) VALUES ('delete', old.id, old.title, old.clean_text);
        INSERT INTO articles_fts (rowid, title, clean_text) VALUES (new.id, new.title, new.clean_text);
      END;
    `,
  },
];
