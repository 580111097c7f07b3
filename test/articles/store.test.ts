import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src/db/database.ts';
import { migrations } from '../../src/db/migrations.ts';
import { SqliteArticleStore, contentHashOf, toFtsQuery } from '../../src/articles/store-sqlite.ts';
import type { NewArticle } from '../../src/articles/types.ts';

function article(title: string, body: string, extra: Partial<NewArticle> = {}): NewArticle {
  return { title, source: `/tmp/${title}.txt`, byline: null, publishedAt: null, rawText: body, cleanText: body, ...extra };
}

let dir: string;
let store: SqliteArticleStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-store-'));
  store = SqliteArticleStore.open(join(dir, 'nested', 'briefbot.db'));
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SqliteArticleStore', () => {
  it('creates the database file and its folder on first use, and round-trips every field', () => {
    const { article: saved, created } = store.add(
      article('Putin meets Li', 'Putin met Li Shangfu in Moscow.', { byline: 'Blake Preston', publishedAt: '2023-04-16T00:00:00.000Z' }),
    );
    expect(created).toBe(true);
    const loaded = store.get(saved.id);
    expect(loaded).toEqual(saved);
    expect(loaded?.byline).toBe('Blake Preston');
    expect(loaded?.publishedAt).toBe('2023-04-16T00:00:00.000Z');
    expect(loaded?.contentHash).toBe(contentHashOf('Putin met Li Shangfu in Moscow.'));
    expect(Date.parse(loaded?.addedAt ?? '')).not.toBeNaN();
  });

  it('stores the same content once, even with different whitespace or casing', () => {
    const first = store.add(article('A', 'The council approved the budget.'));
    const again = store.add(article('A copy', '  the council   approved the budget. '));
    expect(again.created).toBe(false);
    expect(again.article.id).toBe(first.article.id);
    expect(store.count()).toBe(1);
  });

  it('addMany is one transaction: a failure stores nothing of the batch', () => {
    const bad = { ...article('bad', 'x'), title: null as unknown as string };
    expect(() => store.addMany([article('ok', 'Fine text here.'), bad])).toThrow();
    expect(store.count()).toBe(0);
  });

  it('lists newest first with paging', () => {
    for (const n of [1, 2, 3]) store.add(article(`Story ${n}`, `Body number ${n}.`));
    expect(store.list({ limit: 2 }).map((a) => a.title)).toEqual(['Story 3', 'Story 2']);
    expect(store.list({ limit: 2, offset: 2 }).map((a) => a.title)).toEqual(['Story 1']);
  });

  it('ranks full-text results by relevance, title hits first', () => {
    store.add(article('Budget vote delayed', 'The city council met on Monday.'));
    store.add(article('Weather report', 'Rain is expected. The budget was not discussed, budget aside.'));
    store.add(article('Sports', 'The team won again.'));
    const hits = store.search('budget', { limit: 10 });
    expect(hits.map((a) => a.title)).toEqual(['Budget vote delayed', 'Weather report']);
    expect(store.search('council', { limit: 10 }).map((a) => a.title)).toEqual(['Budget vote delayed']);
  });

  it('treats search input as words, never as FTS syntax', () => {
    store.add(article('Quotes "and" stars', 'Some body text.'));
    expect(() => store.search('"unbalanced AND OR NEAR( * ^', { limit: 5 })).not.toThrow();
    expect(store.search('   ', { limit: 5 })).toEqual([]);
    expect(toFtsQuery('Putin, "Li"')).toBe('"putin" "li"*');
    expect(toFtsQuery('putin p')).toBe('"putin" "p"');
  });

  it('suggests by title prefix for autocomplete, then by body', () => {
    store.add(article('Putin meets China defense minister', 'Talks in Moscow.'));
    store.add(article('Markets', 'Putin was mentioned in passing.'));
    expect(store.suggest('puti', 25).map((a) => a.title)).toEqual(['Putin meets China defense minister', 'Markets']);
    expect(store.suggest('', 1)).toHaveLength(1);
  });

  it('returns articles added after an id, oldest first', () => {
    const ids = [1, 2, 3].map((n) => store.add(article(`S${n}`, `Text ${n}.`)).article.id);
    expect(store.addedAfter(ids[0] ?? 0, 10).map((a) => a.id)).toEqual(ids.slice(1));
  });

  it('keeps its data across reopen', () => {
    store.add(article('Persisted', 'Still here after reopen.'));
    store.close();
    store = SqliteArticleStore.open(join(dir, 'nested', 'briefbot.db'));
    expect(store.search('reopen', { limit: 5 }).map((a) => a.title)).toEqual(['Persisted']);
  });
});

describe('migrations', () => {
  it('upgrades an older file in place and records the version', () => {
    const path = join(dir, 'old.db');
    const old = new Database(path);
    migrate(old, migrations.filter((m) => m.version === 1));
    old.prepare(
      "INSERT INTO articles (title, source, raw_text, clean_text, content_hash, added_at) VALUES ('Old', 's', 'r', 'old body', 'h', '2020-01-01T00:00:00Z')",
    ).run();
    old.close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(Math.max(...migrations.map((m) => m.version)));
    const upgraded = new SqliteArticleStore(db);
    expect(upgraded.count()).toBe(1);
    upgraded.close();
  });

  it('refuses a file from a newer Briefbot instead of damaging it', () => {
    const path = join(dir, 'future.db');
    const future = new Database(path);
    future.pragma('user_version = 999');
    future.close();
    expect(() => openDatabase(path)).toThrow(/newer than this Briefbot understands/);
  });
});
