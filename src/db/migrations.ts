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
  {
    version: 2,
    description: 'digest subscriptions and the exactly-once delivery ledger',
    sql: `
      -- One row per channel; unsubscribing only deactivates, so the article cursor survives and an
      -- article is never sent twice to the same channel.
      CREATE TABLE digest_subscriptions (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        guild_id         TEXT NOT NULL,
        channel_id       TEXT NOT NULL UNIQUE,
        local_time       TEXT NOT NULL,
        timezone         TEXT NOT NULL,
        max_articles     INTEGER NOT NULL CHECK (max_articles BETWEEN 1 AND 10),
        notify_empty     INTEGER NOT NULL DEFAULT 0,
        active           INTEGER NOT NULL DEFAULT 1,
        last_article_id  INTEGER NOT NULL DEFAULT 0,
        paused_reason    TEXT,
        paused_at        TEXT,
        schedule_since   TEXT NOT NULL,
        created_by       TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      );
      CREATE INDEX digest_subscriptions_guild ON digest_subscriptions (guild_id);

      -- Written before posting (pending) and completed after; UNIQUE makes the claim atomic.
      CREATE TABLE digest_deliveries (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        subscription_id  INTEGER NOT NULL REFERENCES digest_subscriptions (id),
        occurrence       TEXT NOT NULL,
        status           TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'missed')),
        payload          TEXT,
        sent_count       INTEGER NOT NULL DEFAULT 0,
        message_ids      TEXT NOT NULL DEFAULT '[]',
        article_ids      TEXT NOT NULL DEFAULT '[]',
        last_article_id  INTEGER,
        owner            TEXT,
        lease_until      INTEGER NOT NULL DEFAULT 0,
        attempts         INTEGER NOT NULL DEFAULT 0,
        error            TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        UNIQUE (subscription_id, occurrence)
      );
      CREATE INDEX digest_deliveries_open ON digest_deliveries (status) WHERE status IN ('pending', 'failed');
    `,
  },
  {
    version: 3,
    description: 'settings key-value table (e.g. the hash of the last registered slash commands)',
    sql: `
      CREATE TABLE settings (
        key         TEXT PRIMARY KEY,
        value       TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    description: 'title-only full-text index for fast autocomplete',
    // Title lookups in the combined index walk every body occurrence of a term too; a small
    // index of titles alone keeps autocomplete fast however much text is stored.
    sql: `
      CREATE VIRTUAL TABLE titles_fts USING fts5(
        title, content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
      );
      INSERT INTO titles_fts (titles_fts) VALUES ('rebuild');
      CREATE TRIGGER articles_titles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO titles_fts (rowid, title) VALUES (new.id, new.title);
      END;
      CREATE TRIGGER articles_titles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO titles_fts (titles_fts, rowid, title) VALUES ('delete', old.id, old.title);
      END;
      CREATE TRIGGER articles_titles_au AFTER UPDATE OF title ON articles BEGIN
        INSERT INTO titles_fts (titles_fts, rowid, title) VALUES ('delete', old.id, old.title);
        INSERT INTO titles_fts (rowid, title) VALUES (new.id, new.title);
      END;
    `,
  },
];
