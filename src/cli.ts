import 'dotenv/config';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { cleanArticleText } from './articles/clean.ts';
import {
  ArticleInputError,
  decodeArticleBytes,
  describeFsError,
  extractArticle,
  formatOfPath,
  importPaths,
  readArticleFile,
  type ArticleFormat,
} from './articles/import.ts';
import { SqliteArticleStore } from './articles/store-sqlite.ts';
import type { ArticleListing } from './articles/types.ts';
import { ConfigError, loadConfig } from './config.ts';
import { quoteForDisplay } from './summarizer/quote-display.ts';
import { findQuotes } from './summarizer/quotes.ts';
import { summarize } from './summarizer/summarize.ts';
import type { Summary, SummaryLength, SummaryOptions } from './summarizer/types.ts';

const usage = `Usage: npm run --silent cli -- <command>

Commands:
  import <path>...                 import .txt/.md/.html files and folders (recursive)
  clean <file|->                   print the cleaned article text
  clean --jsonl <in.jsonl>         batch: {"id","text"|"html"} lines -> {"id","text","title","byline"}
  articles [query] [--limit N]     list stored articles (newest first, or best match for a query)
  summarize <file|-> [--sentences N] [--length tldr|short|long] [--json]
  summarize --jsonl <in.jsonl> [--sentences N] [--quotes all]
  help                             show this help`;

/** A failure the user can fix; printed as one line, no stack trace. */
class UsageError extends Error {}

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Resolves once the output written so far has drained: a streaming batch waits on it so memory stays flat. */
  readonly drained: () => Promise<void>;
}

const stdio: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  drained: () => (process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve()),
};

function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])/i.test(text);
}

async function readInput(path: string): Promise<{ text: string; format: ArticleFormat }> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const text = decodeArticleBytes(Buffer.concat(chunks));
    return { text, format: looksLikeHtml(text) ? 'html' : 'text' };
  }
  try {
    const text = await readArticleFile(path);
    const format = formatOfPath(path) ?? (looksLikeHtml(text) ? 'html' : 'text');
    return { text, format };
  } catch (error) {
    throw new UsageError(`${path}: ${describeFsError(error)}`);
  }
}

/** Cleans text exactly as import does, so raw scraped text, Markdown or HTML works everywhere. */
function cleanInput(text: string, format: ArticleFormat): { text: string; title: string | null; byline: string | null } {
  const article = extractArticle(text, format);
  return { text: article.cleanText, title: article.title, byline: article.byline };
}

function parsePositiveInt(value: string | undefined, name: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max}`);
  return n;
}

function parseLength(value: string | undefined): SummaryLength | undefined {
  if (value === undefined) return undefined;
  if (value === 'tldr' || value === 'short' || value === 'long') return value;
  throw new UsageError('--length must be tldr, short or long');
}

/**
 * Streams a JSON-lines file: one output line per input line, in order. Memory stays flat because
 * each line is handled and written before the next is read.
 */
async function eachJsonLine(
  path: string,
  io: Io,
  handle: (record: Record<string, unknown>) => Record<string, unknown>,
): Promise<number> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const opened = new Promise<void>((resolveOpen, rejectOpen) => {
    input.once('open', () => resolveOpen());
    input.once('error', rejectOpen);
  });
  try {
    await opened;
  } catch (error) {
    throw new UsageError(`${path}: ${describeFsError(error)}`);
  }
  let errors = 0;
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let id: unknown = null;
    let result: Record<string, unknown>;
    try {
      const record: unknown = JSON.parse(line);
      if (typeof record !== 'object' || record === null || Array.isArray(record)) {
        throw new ArticleInputError('line is not a JSON object');
      }
      id = (record as Record<string, unknown>)['id'] ?? null;
      result = { id, ...handle(record as Record<string, unknown>) };
    } catch (error) {
      errors += 1;
      const reason = error instanceof SyntaxError ? `invalid JSON: ${error.message}` : describeFsError(error);
      result = { id, error: reason };
    }
    io.out(`${JSON.stringify(result)}\n`);
    await io.drained();
  }
  return errors;
}

function textField(record: Record<string, unknown>): { text: string; format: ArticleFormat } {
  const html = record['html'];
  const text = record['text'];
  if (typeof html === 'string') return { text: html, format: 'html' };
  if (typeof text === 'string') return { text, format: 'text' };
  throw new ArticleInputError('line needs a string "text" or "html" field');
}

async function runClean(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { jsonl: { type: 'string' } }, allowPositionals: true });
  if (values.jsonl !== undefined) {
    await eachJsonLine(values.jsonl, io, (record) => {
      const { text, format } = textField(record);
      const cleaned = cleanInput(text, format);
      return { text: cleaned.text, title: cleaned.title, byline: cleaned.byline };
    });
    return 0;
  }
  const path = positionals[0];
  if (path === undefined) throw new UsageError('clean needs a file path or - for standard input');
  const { text, format } = await readInput(path);
  const cleaned = cleanInput(text, format);
  if (cleaned.text.trim() === '') throw new UsageError(`${path}: no article text left after cleaning`);
  io.out(`${cleaned.text}\n`);
  return 0;
}

function summaryOptions(values: { sentences?: string | undefined; length?: string | undefined }): SummaryOptions {
  const sentences = parsePositiveInt(values.sentences, 'sentences', 50);
  const length = parseLength(values.length);
  return {
    ...(sentences !== undefined ? { sentences } : {}),
    ...(length !== undefined ? { length } : {}),
  };
}

function renderSummary(summary: Summary, byline: string | null): string {
  const lines = [summary.headline, ''];
  if (byline !== null) lines.push(`By ${byline}`, '');
  lines.push(...summary.sentences.map((s) => `- ${s}`));
  if (summary.quotes.length > 0) {
    lines.push('', 'Key quotes:');
    for (const quote of summary.quotes) lines.push(`  “${quoteForDisplay(quote.text)}” — ${quote.speaker ?? 'unattributed'}`);
  }
  if (summary.keywords.length > 0) lines.push('', `Keywords: ${summary.keywords.join(', ')}`);
  const percent = Math.round((1 - summary.ratio) * 100);
  lines.push(`${summary.summaryWords} of ${summary.articleWords} words (${percent}% shorter)`);
  return `${lines.join('\n')}\n`;
}

async function runSummarize(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      jsonl: { type: 'string' },
      sentences: { type: 'string' },
      length: { type: 'string' },
      json: { type: 'boolean' },
      quotes: { type: 'string' },
    },
    allowPositionals: true,
  });
  const options = summaryOptions(values);
  if (values.quotes !== undefined && values.quotes !== 'all' && values.quotes !== 'key') {
    throw new UsageError('--quotes must be "all" or "key"');
  }
  if (values.jsonl !== undefined) {
    const allQuotes = values.quotes === 'all';
    await eachJsonLine(values.jsonl, io, (record) => {
      const text = record['text'];
      if (typeof text !== 'string') throw new ArticleInputError('line needs a string "text" field');
      const cleaned = cleanArticleText(text).text;
      const summary = summarize(cleaned, options);
      const quotes = allQuotes ? findQuotes(cleaned) : summary.quotes;
      return {
        summary: summary.sentences.join('\n'),
        quotes: quotes.map((q) => ({ text: q.text, speaker: q.speaker })),
      };
    });
    return 0;
  }
  const path = positionals[0];
  if (path === undefined) throw new UsageError('summarize needs a file path or - for standard input');
  const { text, format } = await readInput(path);
  const cleaned = cleanInput(text, format);
  if (cleaned.text.trim() === '') throw new UsageError(`${path}: no article text left after cleaning`);
  const summary = summarize(cleaned.text, options);
  const shown = cleaned.title !== null ? { ...summary, headline: cleaned.title } : summary;
  io.out(values.json === true ? `${JSON.stringify({ ...shown, byline: cleaned.byline }, null, 2)}\n` : renderSummary(shown, cleaned.byline));
  return 0;
}

function openStore(): SqliteArticleStore {
  const config = loadConfig(process.env);
  return SqliteArticleStore.open(config.databasePath);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

async function runImport(args: string[], io: Io): Promise<number> {
  if (args.length === 0) throw new UsageError('import needs at least one file or folder');
  const store = openStore();
  const showProgress = process.stderr.isTTY === true;
  try {
    const tally = await importPaths(store, args, {
      onProgress: (done, total) => {
        if (showProgress && total > 20) process.stderr.write(`\rImporting ${done}/${total}…`);
      },
    });
    if (showProgress) process.stderr.write('\r\x1b[K');
    for (const failure of tally.failed) io.err(`failed: ${failure.path}: ${failure.reason}\n`);
    io.out(
      `Imported ${plural(tally.imported, 'article')}, ${plural(tally.duplicates, 'duplicate')} skipped, ${tally.failed.length} failed\n`,
    );
    return tally.failed.length > 0 ? 1 : 0;
  } finally {
    store.close();
  }
}

function formatListing(a: ArticleListing): string {
  const date = (a.publishedAt ?? a.addedAt).slice(0, 10);
  const by = a.byline !== null ? ` — ${a.byline}` : '';
  return `${String(a.id).padStart(5)}  ${date}  ${a.title}${by}`;
}

async function runArticles(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { limit: { type: 'string' } }, allowPositionals: true });
  const limit = parsePositiveInt(values.limit, 'limit', 1000) ?? 20;
  const query = positionals.join(' ').trim();
  const store = openStore();
  try {
    const rows = query === '' ? store.list({ limit }) : store.search(query, { limit });
    if (rows.length === 0) {
      io.out(query === '' ? 'No articles stored yet. Import some with: npm run --silent cli -- import <path>\n' : `No articles match "${query}".\n`);
      return 0;
    }
    io.out(`${rows.map(formatListing).join('\n')}\n`);
    return 0;
  } finally {
    store.close();
  }
}

export async function runCli(argv: readonly string[], io: Io = stdio): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'import':
        return await runImport(rest, io);
      case 'clean':
        return await runClean(rest, io);
      case 'articles':
        return await runArticles(rest, io);
      case 'summarize':
        return await runSummarize(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(`${usage}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"\n\n${usage}`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof ArticleInputError) {
      io.err(`briefbot: ${error.message}\n`);
      return 2;
    }
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`briefbot: ${error.message}\n`);
      return 2;
    }
    io.err(`briefbot: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await runCli(process.argv.slice(2));
