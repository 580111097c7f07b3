import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportTally } from '../../src/articles/import.ts';
import { watchArticleFolder, type FolderWatcher } from '../../src/briefs/watch-folder.ts';
import { capturingLogger } from '../discord/recording.ts';
import { MemoryArticleStore } from './memory-store.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const empty: ImportTally = { imported: 0, duplicates: 0, failed: [] };

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}

let dir = '';
let watcher: FolderWatcher | null = null;
afterEach(async () => {
  await watcher?.close();
  watcher = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('watchArticleFolder', () => {
  it('imports new article files once after a burst of events, ignoring dotfiles and other files', async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefbot-watch-'));
    const batches: string[][] = [];
    watcher = watchArticleFolder({
      dir,
      store: new MemoryArticleStore(),
      logger: capturingLogger(),
      debounceMs: 100,
      importer: async (_store, paths) => {
        batches.push([...paths].sort());
        return { ...empty, imported: paths.length };
      },
    });
    writeFileSync(join(dir, 'a.txt'), 'First article.');
    writeFileSync(join(dir, 'a.txt'), 'First article, saved again.');
    writeFileSync(join(dir, 'b.md'), '# Second');
    writeFileSync(join(dir, '.a.txt.swp'), 'editor temp');
    writeFileSync(join(dir, 'notes.docx'), 'not an article format');
    await until(() => batches.length > 0);
    await sleep(250);
    expect(batches).toEqual([[join(dir, 'a.txt'), join(dir, 'b.md')]]);
  });

  it('logs a failing import and keeps watching', async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefbot-watch-'));
    const logger = capturingLogger();
    let calls = 0;
    watcher = watchArticleFolder({
      dir,
      store: new MemoryArticleStore(),
      logger,
      debounceMs: 50,
      importer: async () => {
        calls += 1;
        if (calls === 1) throw new Error('disk full');
        return { ...empty, imported: 1 };
      },
    });
    writeFileSync(join(dir, 'one.txt'), 'One.');
    await until(() => logger.lines.some((l) => l.level === 'error'));
    writeFileSync(join(dir, 'two.txt'), 'Two.');
    await until(() => calls === 2);
    await until(() => logger.lines.some((l) => l.message === 'watched folder: imported articles'));
  });

  it('reports a missing folder instead of throwing', async () => {
    const logger = capturingLogger();
    watcher = watchArticleFolder({ dir: join(tmpdir(), 'briefbot-no-such-dir-xyz'), store: new MemoryArticleStore(), logger, importer: async () => empty });
    expect(logger.lines.some((l) => l.level === 'error' && /cannot watch/.test(l.message))).toBe(true);
  });
});
