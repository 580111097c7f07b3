import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { openDatabase } from '../../src/db/database.ts';
import { definitionsHash, registerCommands, registrationKey, resolveApplicationId, sqliteSettings, type SettingsStore } from '../../src/discord/deploy.ts';
import { silentLogger } from '../../src/log.ts';

function memorySettings(): SettingsStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, get: (k) => map.get(k), set: (k, v) => void map.set(k, v) };
}

function fakeRest() {
  const puts: { route: string; body: unknown }[] = [];
  return {
    puts,
    put: async (route: string, options?: { body?: unknown }) => {
      puts.push({ route, body: options?.body });
      return [];
    },
  };
}

const definitions = commands.map((c) => c.data.toJSON());
const appId = '300000000000000003';
const guildId = '200000000000000002';

describe('registerCommands', () => {
  it('bulk-overwrites guild commands, then skips while the definitions are unchanged', async () => {
    const rest = fakeRest();
    const settings = memorySettings();
    const options = { rest: rest as never, applicationId: appId, guildId, definitions, settings, logger: silentLogger };
    expect(await registerCommands(options)).toBe('registered');
    expect(rest.puts).toEqual([{ route: `/applications/${appId}/guilds/${guildId}/commands`, body: definitions }]);
    expect(await registerCommands(options)).toBe('skipped');
    expect(rest.puts).toHaveLength(1);
    expect(await registerCommands({ ...options, force: true })).toBe('registered');
    expect(rest.puts).toHaveLength(2);
  });

  it('registers again when a definition changes, and globally without a guild', async () => {
    const rest = fakeRest();
    const settings = memorySettings();
    const base = { rest: rest as never, applicationId: appId, guildId: undefined, settings, logger: silentLogger };
    expect(await registerCommands({ ...base, definitions })).toBe('registered');
    expect(rest.puts[0]?.route).toBe(`/applications/${appId}/commands`);
    const changed = definitions.map((d, i) => (i === 0 ? { ...d, description: 'changed' } : d));
    expect(await registerCommands({ ...base, definitions: changed })).toBe('registered');
    expect(settings.map.get(registrationKey(appId, undefined))).toBe(definitionsHash(changed));
  });

  it('does not record the hash when registration fails', async () => {
    const settings = memorySettings();
    const rest = { put: async () => { throw new Error('401 Unauthorized'); } };
    await expect(registerCommands({ rest: rest as never, applicationId: appId, guildId, definitions, settings, logger: silentLogger })).rejects.toThrow();
    expect(settings.map.size).toBe(0);
  });

  it('hashes independently of key order', () => {
    expect(definitionsHash([{ name: 'a', description: 'b' }])).toBe(definitionsHash([{ description: 'b', name: 'a' }]));
    expect(definitionsHash([{ name: 'a', description: 'b' }])).not.toBe(definitionsHash([{ name: 'a', description: 'c' }]));
  });

  it('asks Discord for the application id only when not configured', async () => {
    const rest = { get: async () => ({ id: '999999999999999999' }) };
    expect(await resolveApplicationId(rest as never, appId)).toBe(appId);
    expect(await resolveApplicationId(rest as never, undefined)).toBe('999999999999999999');
  });
});

describe('sqliteSettings', () => {
  it('stores and overwrites values in the settings table', () => {
    const db = openDatabase(':memory:');
    try {
      const settings = sqliteSettings(db, () => new Date('2024-01-01T00:00:00Z'));
      expect(settings.get('k')).toBeUndefined();
      settings.set('k', 'one');
      settings.set('k', 'two');
      expect(settings.get('k')).toBe('two');
      expect(db.prepare('SELECT updated_at FROM settings WHERE key = ?').get('k')).toEqual({ updated_at: '2024-01-01T00:00:00.000Z' });
    } finally {
      db.close();
    }
  });
});
