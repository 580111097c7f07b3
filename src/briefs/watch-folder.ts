/**
 * Watches the articles folder and imports new or changed files. Events are debounced (editors and
 * copies fire several per file) and imports never overlap; failures are logged, never thrown.
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { ArticleStore } from '../articles/types.ts';
import { formatOfPath, type ImportTally } from '../articles/import.ts';
import type { Logger } from '../log.ts';

export type Importer = (store: ArticleStore, paths: readonly string[]) => Promise<ImportTally>;

export interface WatchOptions {
  readonly dir: string;
  readonly store: ArticleStore;
  readonly importer: Importer;
  readonly logger: Logger;
  readonly debounceMs?: number;
}

export interface FolderWatcher {
  /** Resolves once any import in progress has finished. */
  close(): Promise<void>;
}

export function logTally(logger: Logger, what: string, tally: ImportTally): void {
  if (tally.imported > 0 || tally.failed.length > 0) {
    logger.info(`${what}: imported articles`, { imported: tally.imported, duplicates: tally.duplicates, failed: tally.failed.length });
  }
  for (const failure of tally.failed) logger.warn('article not imported', { path: failure.path, reason: failure.reason });
}

/** Still there (not deleted or renamed away) and an article file or a folder of them. */
function isImportable(path: string): boolean {
  try {
    const stats = statSync(path);
    return stats.isDirectory() || (stats.isFile() && formatOfPath(path) !== null);
  } catch {
    return false;
  }
}

export function watchArticleFolder(options: WatchOptions): FolderWatcher {
  const { dir, store, importer, logger } = options;
  const debounceMs = options.debounceMs ?? 500;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;

  const flush = (): void => {
    timer = undefined;
    if (closed || pending.size === 0) return;
    const paths = [...pending].filter(isImportable);
    pending.clear();
    if (paths.length === 0) return;
    running = running.then(async () => {
      if (closed) return;
      try {
        // Deleted or half-written files are reported as failures by the importer, not thrown.
        const tally = await importer(store, paths);
        logTally(logger, 'watched folder', tally);
      } catch (error) {
        logger.error('importing watched files failed', { dir, error });
      }
    });
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { recursive: true }, (_event, filename) => {
      if (closed || !filename) return;
      const name = filename.toString();
      if (name.split(/[\\/]/).some((part) => part.startsWith('.'))) return; // editor temp files
      pending.add(join(dir, name));
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, debounceMs);
    });
    watcher.on('error', (error) => logger.error('watching the articles folder failed', { dir, error }));
  } catch (error) {
    logger.error('cannot watch the articles folder', { dir, error });
  }

  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher?.close();
      await running;
    },
  };
}
