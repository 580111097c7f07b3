import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `../shared/data` beside the checkout (override with BRIEFBOT_SHARED_DATA). */
export const sharedDataDir = process.env['BRIEFBOT_SHARED_DATA'] ?? join(repoRoot, '..', 'shared', 'data');

/**
 * Returns the path of a shared data file, or null after printing a clear notice when the shared
 * data folder (or that file) is absent, so a benchmark can skip that part instead of failing.
 */
export function sharedDataFile(name: string): string | null {
  const path = join(sharedDataDir, name);
  if (!existsSync(path)) {
    console.log(`[bench] skipped: ${path} not found (the shared data sets live in ../shared/data beside the checkout)`);
    return null;
  }
  return path;
}

/** Reads a JSON-lines file into objects. */
export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}
