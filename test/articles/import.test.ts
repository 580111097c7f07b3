import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPaths, prepareArticle } from '../../src/articles/import.ts';
import { SqliteArticleStore } from '../../src/articles/store-sqlite.ts';

const fixtures = resolve(import.meta.dirname, '..', 'fixtures', 'import');
const seedParagraphs = readFileSync(join(fixtures, 'seed.txt'), 'utf8').split('\n').slice(0, 7);

let dir: string;
let store: SqliteArticleStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-import-'));
  store = SqliteArticleStore.open(join(dir, 'briefbot.db'));
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('importing the seed article', () => {
  it('stores one article with all seven paragraphs, no noise, the byline and a sensible title', async () => {
    const tally = await importPaths(store, [join(fixtures, 'seed.txt')]);
    expect(tally).toEqual({ imported: 1, duplicates: 0, failed: [] });
    const [listing] = store.list({ limit: 5 });
    const article = store.get(listing?.id ?? -1);
    expect(article?.byline).toBe('Blake Preston');
    const clean = article?.cleanText ?? '';
    for (const paragraph of seedParagraphs) {
      expect(clean).toContain(paragraph.replace('on Blake PrestonSunday', 'on Sunday'));
    }
    for (const noise of ['view', 'Blake Preston', '2025-05-03', 'beginning to s', 'encampments in', 'While per']) {
      expect(clean).not.toContain(noise);
    }
    expect(article?.title.length).toBeGreaterThan(10);
    expect(article?.title.length).toBeLessThanOrEqual(110);
    expect(article?.title).toMatch(/Putin/);
    expect(article?.rawText).toBe(readFileSync(join(fixtures, 'seed.txt'), 'utf8'));
  });
});

describe('importPaths', () => {
  it('imports a directory recursively, and a second import of it adds nothing', async () => {
    const first = await importPaths(store, [fixtures]);
    expect(first.imported).toBe(3);
    expect(first.failed).toEqual([]);
    const second = await importPaths(store, [fixtures]);
    expect(second).toEqual({ imported: 0, duplicates: 3, failed: [] });
    expect(store.count()).toBe(3);
  });

  it('takes the page title from HTML and the first heading from Markdown', async () => {
    await importPaths(store, [join(fixtures, 'page.html'), join(fixtures, 'notes.md')]);
    const titles = store.list({ limit: 5 }).map((a) => a.title).sort();
    expect(titles[0]).toMatch(/^City council approves new bike lanes/);
    expect(titles[1]).toBe('Library extends opening hours');
    const html = store.search('bike lanes', { limit: 1 })[0];
    const body = store.get(html?.id ?? -1)?.cleanText ?? '';
    expect(body).toContain('twelve miles of protected bike lanes');
    expect(body).toContain('“This is a safer city for everyone who rides,”');
    expect(body).not.toMatch(/Related stories|Subscribe|cookies/);
  });

  it('reports each bad file with a clear reason and keeps what was stored', async () => {
    await importPaths(store, [join(fixtures, 'seed.txt')]);
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'empty.txt'), '');
    writeFileSync(join(bad, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    writeFileSync(join(bad, 'latin1.txt'), Buffer.from('caf\xe9 au lait is served', 'latin1'));
    const huge = join(bad, 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 50 * 1024 * 1024); // sparse: 50 MB on paper, instant to create
    writeFileSync(join(bad, 'photo.png'), 'not imported: unknown extension inside a folder is skipped');
    const tally = await importPaths(store, [bad, join(dir, 'missing.txt'), join(bad, 'photo.png')]);
    const reasons = Object.fromEntries(tally.failed.map((f) => [f.path.split('/').pop(), f.reason]));
    expect(reasons).toEqual({
      'binary.txt': expect.stringMatching(/binary/),
      'empty.txt': 'file is empty',
      'huge.txt': expect.stringMatching(/too large \(50\.0 MB; the limit is 10\.0 MB\)/),
      'latin1.txt': 'is not valid UTF-8 text',
      'missing.txt': 'no such file or directory',
      'photo.png': expect.stringMatching(/unsupported file type/),
    });
    expect(tally.imported).toBe(0);
    expect(store.count()).toBe(1);
  });

  it('refuses text that cleaning leaves empty', () => {
    expect(() => prepareArticle('2025-05-03 04:282092 view\n', 'text', 'x.txt')).toThrow(/no article text/);
  });
});

describe('an import killed part-way', () => {
  it('leaves a consistent database that a second import completes', async () => {
    const many = join(dir, 'many');
    mkdirSync(many);
    for (let i = 0; i < 1500; i += 1) {
      writeFileSync(join(many, `story-${i}.txt`), `Story number ${i} reports that the harbour reopened after repairs.\nOfficials said ship ${i} was the first to dock.`);
    }
    copyFileSync(join(fixtures, 'seed.txt'), join(many, 'seed.txt'));
    const dbPath = join(dir, 'killed.db');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', many], {
      cwd: resolve(import.meta.dirname, '..', '..'),
      env: { ...process.env, DATABASE_PATH: dbPath },
      stdio: 'ignore',
    });
    // Kill as soon as the first batch has been committed.
    const started = Date.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, 25));
      let rows = 0;
      try {
        const peek = new Database(dbPath, { readonly: true, fileMustExist: true });
        rows = (peek.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
        peek.close();
      } catch {
        // not created yet
      }
      if (rows > 0 || Date.now() - started > 15_000) break;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const db = new Database(dbPath);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(() => db.prepare("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')").run()).not.toThrow();
    const before = (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    db.close();
    expect(before).toBeGreaterThan(0);
    expect(before % 100 === 0 || before === 1501).toBe(true); // whole batches only

    const resumed = SqliteArticleStore.open(dbPath);
    const tally = await importPaths(resumed, [many]);
    expect(tally.duplicates).toBe(before);
    expect(tally.imported + tally.duplicates).toBe(1501);
    expect(resumed.count()).toBe(1501);
    resumed.close();
  }, 60_000);
});
