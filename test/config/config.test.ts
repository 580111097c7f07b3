import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, configKeys, loadConfig } from '../../src/config.ts';

describe('loadConfig', () => {
  it('gives defaults for an empty environment and freezes the result', () => {
    const config = loadConfig({});
    expect(config.databasePath).toBe('data/briefbot.db');
    expect(config.discordToken).toBeUndefined();
    expect(config.logLevel).toBe('info');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('treats empty strings as unset, as .env files write them', () => {
    const config = loadConfig({ DISCORD_TOKEN: '', DISCORD_GUILD_ID: '  ', DATABASE_PATH: '' });
    expect(config.discordToken).toBeUndefined();
    expect(config.discordGuildId).toBeUndefined();
    expect(config.databasePath).toBe('data/briefbot.db');
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 'token-value-123456',
      DISCORD_CLIENT_ID: '123456789012345678',
      DISCORD_GUILD_ID: '223456789012345678',
      DISCORD_API_BASE: 'http://127.0.0.1:3000/api',
      DATABASE_PATH: '/tmp/x.db',
      ARTICLES_DIR: 'articles',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      discordToken: 'token-value-123456',
      discordClientId: '123456789012345678',
      discordGuildId: '223456789012345678',
      discordApiBase: 'http://127.0.0.1:3000/api',
      databasePath: '/tmp/x.db',
      articlesDir: 'articles',
      logLevel: 'debug',
    });
  });

  it.each([
    ['DISCORD_GUILD_ID', 'my-server', /^Invalid DISCORD_GUILD_ID: expected .*17-20 digits/],
    ['DISCORD_CLIENT_ID', '12', /^Invalid DISCORD_CLIENT_ID: expected/],
    ['DISCORD_API_BASE', 'localhost:3000', /^Invalid DISCORD_API_BASE: expected an http\(s\) URL/],
    ['LOG_LEVEL', 'loud', /^Invalid LOG_LEVEL: expected one of debug, info/],
  ])('a wrong %s fails with one line naming it', (key, value, message) => {
    let caught: unknown;
    try {
      loadConfig({ [key]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const text = (caught as Error).message;
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
    expect(text).not.toContain(value);
  });
});

describe('.env.example', () => {
  const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  const lines = example.split('\n');
  const documented = lines.flatMap((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1] ?? []);

  it('documents exactly the keys the schema reads', () => {
    expect([...documented].sort()).toEqual([...configKeys].sort());
  });

  it('has a comment right above every key', () => {
    for (const key of documented) {
      const index = lines.findIndex((line) => line.startsWith(`${key}=`));
      expect(lines[index - 1], `${key} needs a comment line above it`).toMatch(/^#\s+\S/);
    }
  });

  it('is itself a valid configuration', () => {
    const env = Object.fromEntries(lines.flatMap((line) => {
      const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
      return match === null ? [] : [[match[1], match[2]]];
    }));
    expect(() => loadConfig(env)).not.toThrow();
  });
});
