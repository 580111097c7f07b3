import { open, readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { cleanArticleText } from './clean.ts';
import { extractArticleFromHtml } from './extract-html.ts';
import { deriveTitle } from './title.ts';
import type { ArticleStore, NewArticle } from './types.ts';

/** Larger files are refused: no real article is this big, and reading it would stall the bot. */
export const MAX_ARTICLE_BYTES = 10 * 1024 * 1024;

const textExtensions = new Set(['.txt', '.md', '.markdown']);
const htmlExtensions = new Set(['.html', '.htm']);

export type ArticleFormat = 'text' | 'markdown' | 'html';

export function formatOfPath(path: string): ArticleFormat | null {
  const ext = extname(path).toLowerCase();
  if (htmlExtensions.has(ext)) return 'html';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (textExtensions.has(ext)) return 'text';
  return null;
}

/** An input that cannot become an article; the message is shown to the user as it is. */
export class ArticleInputError extends Error {
  override readonly name = 'ArticleInputError';
}

/**
 * Decodes file bytes as UTF-8 text, refusing what is not text: NUL bytes (binary files) and
 * invalid UTF-8 get a clear reason instead of mojibake in the store.
 */
export function decodeArticleBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ArticleInputError('file is empty');
  if (bytes.length > MAX_ARTICLE_BYTES) {
    throw new ArticleInputError(`file is too large (${formatMb(bytes.length)}; the limit is ${formatMb(MAX_ARTICLE_BYTES)})`);
  }
  if (bytes.includes(0)) throw new ArticleInputError('looks like a binary file (it contains NUL bytes), not article text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ArticleInputError('is not valid UTF-8 text');
  }
  if (text.trim() === '') throw new ArticleInputError('holds only whitespace');
  return text;
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Markdown reduced to prose: headings, emphasis, links and images lose their syntax. */
function markdownToText(markdown: string): { title: string | null; text: string } {
  let title: string | null = null;
  const lines: string[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading !== null) {
      if (title === null && heading[1] !== undefined && heading[1] !== '') title = heading[1];
      continue;
    }
    lines.push(
      line
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
        .replace(/(\*\*|__)(.+?)\1/g, '$2')
        .replace(/^\s{0,3}>\s?/, '')
        .replace(/^\s{0,3}[-*+]\s+/, ''),
    );
  }
  return { title, text: lines.join('\n') };
}

export interface ExtractedArticle {
  /** The page title or first Markdown heading; null when the text has none. */
  readonly title: string | null;
  readonly byline: string | null;
  readonly publishedAt: string | null;
  readonly cleanText: string;
}

/** Reduces text in one of the supported formats to clean article text and what it says of itself. */
export function extractArticle(text: string, format: ArticleFormat, source?: string): ExtractedArticle {
  if (format === 'html') {
    const page = extractArticleFromHtml(text, source?.startsWith('http') ? source : undefined);
    return { title: page.title?.trim() || null, byline: page.byline, publishedAt: page.publishedAt, cleanText: page.text };
  }
  const body = format === 'markdown' ? markdownToText(text) : { title: null, text };
  const cleaned = cleanArticleText(body.text);
  return { title: body.title, byline: cleaned.byline, publishedAt: null, cleanText: cleaned.text };
}

/**
 * Builds a storable article from text in one of the supported formats: cleans scraped noise,
 * picks a title (the page's, else one derived from the text) and the byline.
 */
export function prepareArticle(text: string, format: ArticleFormat, source: string): NewArticle {
  const { title, byline, publishedAt, cleanText } = extractArticle(text, format, source);
  if (cleanText.trim() === '') throw new ArticleInputError('has no article text left after cleaning');
  return { title: title ?? deriveTitle(cleanText), source, byline, publishedAt, rawText: text, cleanText };
}

export interface ImportFailure {
  readonly path: string;
  readonly reason: string;
}

export interface ImportTally {
  readonly imported: number;
  readonly duplicates: number;
  readonly failed: readonly ImportFailure[];
}

export interface ImportOptions {
  /** Called after each file, for progress displays. */
  readonly onProgress?: (done: number, total: number, path: string) => void;
  /** Files stored per transaction: a killed import loses at most one uncommitted batch. */
  readonly batchSize?: number;
}

/** Lists the importable files under the given paths; a path that cannot be read is a failure. */
export async function collectArticleFiles(
  paths: readonly string[],
): Promise<{ files: string[]; failed: ImportFailure[] }> {
  const files: string[] = [];
  const failed: ImportFailure[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && formatOfPath(full) !== null) files.push(full);
    }
  };
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (info.isDirectory()) await walk(path);
      else if (formatOfPath(path) === null) {
        failed.push({ path, reason: 'unsupported file type (use .txt, .md, .html or .htm)' });
      } else files.push(path);
    } catch (error) {
      failed.push({ path, reason: describeFsError(error) });
    }
  }
  return { files, failed };
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (error instanceof ArticleInputError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Reads a file, refusing oversized ones before loading them into memory. */
export async function readArticleFile(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (info.size > MAX_ARTICLE_BYTES) {
      throw new ArticleInputError(`file is too large (${formatMb(info.size)}; the limit is ${formatMb(MAX_ARTICLE_BYTES)})`);
    }
    return decodeArticleBytes(await handle.readFile());
  } finally {
    await handle.close();
  }
}

/**
 * Imports files and directories (recursively) into the store. Files are parsed one by one and
 * stored in batches, each batch in one transaction; the same content is stored once.
 */
export async function importPaths(
  store: ArticleStore,
  paths: readonly string[],
  options: ImportOptions = {},
): Promise<ImportTally> {
  const { files, failed } = await collectArticleFiles(paths);
  const batchSize = options.batchSize ?? 100;
  let imported = 0;
  let duplicates = 0;
  let batch: NewArticle[] = [];
  const flush = (): void => {
    if (batch.length === 0) return;
    for (const result of store.addMany(batch)) {
      if (result.created) imported += 1;
      else duplicates += 1;
    }
    batch = [];
  };
  for (const [index, file] of files.entries()) {
    try {
      const text = await readArticleFile(file);
      batch.push(prepareArticle(text, formatOfPath(file) ?? 'text', resolve(file)));
    } catch (error) {
      failed.push({ path: file, reason: describeFsError(error) });
    }
    if (batch.length >= batchSize) flush();
    options.onProgress?.(index + 1, files.length, file);
  }
  flush();
  return { imported, duplicates, failed };
}
