import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const fixtures = join(root, 'test', 'fixtures', 'import');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI exactly as scripts do, in its own process. */
function cli(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

let dir: string;
let env: Record<string, string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-cli-'));
  env = { DATABASE_PATH: join(dir, 'cli.db') };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cli', () => {
  it('imports, reports a tally, skips duplicates, then lists and searches', async () => {
    const first = await cli(['import', fixtures], { env });
    expect(first.stdout).toBe('Imported 3 articles, 0 duplicates skipped, 0 failed\n');
    expect(first.code).toBe(0);
    const again = await cli(['import', join(fixtures, 'seed.txt')], { env });
    expect(again.stdout).toBe('Imported 0 articles, 1 duplicate skipped, 0 failed\n');
    const search = await cli(['articles', 'bike'], { env });
    expect(search.stdout.trim().split('\n')).toHaveLength(1);
    expect(search.stdout).toMatch(/City council approves new bike lanes/);
    const all = await cli(['articles'], { env });
    expect(all.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('exits 1 and names the reason when a file fails', async () => {
    const run = await cli(['import', join(dir, 'nope.txt')], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nope.txt: no such file or directory');
    expect(run.stdout).toBe('Imported 0 articles, 0 duplicates skipped, 1 failed\n');
  });

  it('clean prints only the cleaned text, from a file or standard input', async () => {
    const fromFile = await cli(['clean', join(fixtures, 'seed.txt')]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout.startsWith('Russian President Vladimir Putin met with China')).toBe(true);
    expect(fromFile.stdout).not.toMatch(/view|Blake Preston/);
    const fromStdin = await cli(['clean', '-'], { input: 'Hello &amp; welcome to the new season of the show.\n2025-05-03 04:282092 view\n' });
    expect(fromStdin.stdout).toBe('Hello & welcome to the new season of the show.\n');
  });

  it('clean refuses bad input with a clear message and a non-zero exit', async () => {
    const binary = join(dir, 'x.txt');
    writeFileSync(binary, Buffer.from([1, 0, 2, 0]));
    const run = await cli(['clean', binary]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/x\.txt: looks like a binary file/);
    expect(run.stdout).toBe('');
  });

  it('clean --jsonl answers every line in order, errors included', async () => {
    const input = join(dir, 'in.jsonl');
    writeFileSync(
      input,
      [
        JSON.stringify({ id: 'a', text: 'Officials met on Blake PrestonSunday to sign the agreement in the capital.' }),
        'not json',
        JSON.stringify({ id: 'c', html: '<html><head><title>T</title></head><body><article><p>The mayor opened the new bridge on Monday morning after two years of work.</p></article></body></html>' }),
        JSON.stringify({ id: 'd' }),
      ].join('\n'),
    );
    const run = await cli(['clean', '--jsonl', input]);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => l['id'])).toEqual(['a', null, 'c', 'd']);
    expect(lines[0]).toEqual({ id: 'a', text: 'Officials met on Sunday to sign the agreement in the capital.', title: null, byline: 'Blake Preston' });
    expect(lines[1]?.['error']).toMatch(/invalid JSON/);
    expect(lines[2]?.['text']).toBe('The mayor opened the new bridge on Monday morning after two years of work.');
    expect(lines[2]?.['title']).toBe('T');
    expect(lines[3]?.['error']).toMatch(/"text" or "html"/);
  });

  it('summarize --jsonl gives summary lines and every quote with --quotes all', async () => {
    const input = join(dir, 'sum.jsonl');
    const seed = (await import('node:fs')).readFileSync(join(fixtures, 'seed.txt'), 'utf8');
    writeFileSync(input, `${JSON.stringify({ id: 1, text: seed, extra: true })}\n${JSON.stringify({ id: 2, text: 42 })}\n`);
    const run = await cli(['summarize', '--jsonl', input, '--sentences', '2', '--quotes', 'all']);
    const [first, second] = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(String(first?.['summary']).split('\n')).toHaveLength(2);
    expect(first?.['summary']).not.toMatch(/view|Blake Preston/);
    const speakers = (first?.['quotes'] as { speaker: string | null }[]).map((q) => q.speaker);
    expect(speakers).toEqual(['Vladimir Putin', 'Li Shangfu']);
    expect(second).toEqual({ id: 2, error: 'line needs a string "text" field' });
  });

  it('summarize prints a readable summary and rejects bad options', async () => {
    const run = await cli(['summarize', join(fixtures, 'seed.txt'), '--length', 'tldr']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/By Blake Preston/);
    expect(run.stdout).toMatch(/Key quotes:/);
    const markdown = await cli(['summarize', join(fixtures, 'notes.md'), '--json']);
    const parsed = JSON.parse(markdown.stdout) as { headline: string; sentences: string[] };
    expect(parsed.headline).toBe('Library extends opening hours');
    expect(parsed.sentences.join(' ')).not.toContain('#');
    const bad = await cli(['summarize', join(fixtures, 'seed.txt'), '--length', 'huge']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('briefbot: --length must be tldr, short or long\n');
  });

  it('names a wrong configuration value in one line', async () => {
    const run = await cli(['articles'], { env: { LOG_LEVEL: 'loud' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('briefbot: Invalid LOG_LEVEL: expected one of debug, info, warn, error, silent\n');
  });
});
