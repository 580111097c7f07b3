/**
 * `npm start` as a user runs it: a separate process started with `npx tsx src/main.ts`.
 * Console mode (no token, piped stdin) and the connected bot against the fake Discord.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/index.ts';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const fixtures = join(repoRoot, 'test', 'fixtures', 'bot');
const token = 'MTA5ODc2NTQzMjEwOTg3NjU1.GprocE.another-fake-token-value-0123456789';
const guildId = '200000000000000031';

interface Running {
  readonly child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/**
 * Starts `tsx src/main.ts`: through npx as a user would, or straight through tsx's CLI where the
 * test sends signals (npx does not pass SIGTERM on to its child; tsx does).
 */
function startMain(env: Record<string, string>, stdin?: string, via: 'npx' | 'tsx' = 'npx'): Running {
  const [command, args] =
    via === 'npx' ? ['npx', ['tsx', 'src/main.ts']] : [process.execPath, [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src/main.ts']];
  const child = spawn(command as string, args as string[], {
    cwd: repoRoot,
    // An empty DISCORD_TOKEN also keeps a developer's .env from connecting the test to real Discord.
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', DISCORD_TOKEN: '', LOG_LEVEL: 'debug', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  if (stdin !== undefined) child.stdin!.end(stdin);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-main-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start without a token (console mode)', () => {
  it('explains how to connect, imports the samples into an empty store and answers piped commands', async () => {
    const run = startMain(
      { DATABASE_PATH: join(dir, 'console.db') },
      '/summary article:putin\n/summary article:putin length:tldr\n/articles query:china\n/quotes article:putin\n/help\n/summary article:qqqzzz\n',
    );
    const code = await run.exited;
    const out = run.output();
    expect(code).toBe(0);
    expect(out).toContain('DISCORD_TOKEN');
    expect(out).toContain('discord.com/developers/applications');
    expect(out).toMatch(/Imported \d+ sample articles from samples\//);
    expect(out).toMatch(/> \/summary article:putin\n== [^\n]*Putin[^\n]* ==/);
    expect(out).toContain('Vladimir Putin: “');
    expect(out).toContain('== Articles matching “china” ==');
    expect(out).toContain('== Key quotes:');
    expect(out).toContain('/summary article:<…> [length:<…>]');
    expect(out).toMatch(/\(only you can see this\)\nI couldn't find an article matching “qqqzzz”/);
  }, 60_000);
});

describe('npm start with a token (against the fake Discord)', () => {
  let discord: FakeDiscord;
  beforeAll(async () => {
    discord = await FakeDiscord.start({
      token,
      heartbeatIntervalMs: 500,
      log: () => undefined,
      guilds: [{ id: guildId, name: 'Newsroom', channels: [{ id: '300000000000000031', name: 'news' }] }],
    });
  });
  afterAll(async () => {
    await discord.stop();
  });

  it('imports and watches ARTICLES_DIR, registers, answers, shuts down cleanly and never prints the token', async () => {
    const articlesDir = join(dir, 'articles');
    mkdirSync(articlesDir);
    copyFileSync(join(fixtures, 'putin-china.txt'), join(articlesDir, 'putin-china.txt'));
    const env = { DISCORD_TOKEN: token, DISCORD_API_BASE: discord.apiBase, DISCORD_GUILD_ID: guildId, DATABASE_PATH: join(dir, 'bot.db'), ARTICLES_DIR: articlesDir };
    const run = startMain(env, undefined, 'tsx');
    try {
      await waitFor(() => discord.registeredCommands(guildId).bulkOverwrites === 1, 'command registration');
      const outcome = await discord.sendCommand({ name: 'summary', options: [{ name: 'article', type: 3, value: 'putin' }] });
      expect(outcome.callback!.latencyMs).toBeLessThan(3000);
      expect((outcome.original?.embeds[0]?.fields ?? []).map((f) => f.name)).toContain('Vladimir Putin');

      // A file dropped into the watched folder becomes searchable.
      writeFileSync(join(articlesDir, 'harbour.txt'), 'Harbour seals return to the Thames estuary\n\nThe seals were counted by volunteers on Sunday. "It is a remarkable recovery," said Anna Larsen, who led the count.\n');
      await waitFor(() => run.output().includes('watched folder: imported'), 'the watched import');
      const choices = await discord.sendAutocomplete({ name: 'summary', options: [{ name: 'article', type: 3, value: 'seals volunteers', focused: true }] });
      expect(choices.map((c) => c.name).join(" ")).toMatch(/seals/i);

      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain('shutting down');
    } finally {
      run.child.kill('SIGKILL');
    }
    expect(run.output()).not.toContain(token);

    // A second start with unchanged commands does not register again.
    const again = startMain(env, undefined, 'tsx');
    try {
      await waitFor(() => again.output().includes('unchanged since the last registration'), 'the skipped registration');
      expect(discord.registeredCommands(guildId).bulkOverwrites).toBe(1);
      again.child.kill('SIGINT');
      expect(await again.exited).toBe(0);
    } finally {
      again.child.kill('SIGKILL');
    }
    expect(again.output()).not.toContain(token);
  }, 90_000);

  it('npm run deploy-commands registers globally, then reports nothing to do', async () => {
    const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', DISCORD_TOKEN: token, DISCORD_API_BASE: discord.apiBase, DATABASE_PATH: join(dir, 'deploy.db') };
    // Asynchronous on purpose: the fake Discord answers from this very process.
    const deploy = async (): Promise<{ code: number | null; out: string }> => {
      const child = spawn(process.execPath, [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src/discord/deploy.ts'], { cwd: repoRoot, env });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      return { code, out };
    };
    const first = await deploy();
    expect(first.code).toBe(0);
    expect(first.out).toContain('Slash commands registered.');
    expect(discord.registeredCommands().bulkOverwrites).toBe(1);
    expect(discord.registeredCommands().commands.map((c) => c.name)).toContain('summary');
    const second = await deploy();
    expect(second.out).toContain('unchanged');
    expect(discord.registeredCommands().bulkOverwrites).toBe(1);
    expect(first.out + second.out).not.toContain(token);
  }, 60_000);

  it('a wrong token is reported without printing it, and the process exits', async () => {
    const wrong = 'MTA5ODc2NTQzMjEwOTg3NjU2.Gwrong.not-the-right-token-value-987654321';
    const run = startMain({ DISCORD_TOKEN: wrong, DISCORD_API_BASE: discord.apiBase, DATABASE_PATH: join(dir, 'wrong.db') });
    const code = await run.exited;
    expect(code).toBe(1);
    expect(run.output()).toMatch(/could not connect to Discord/);
    expect(run.output()).not.toContain(wrong);
  }, 60_000);
});
