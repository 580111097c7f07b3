/**
 * Slash-command registration by bulk overwrite (guild when DISCORD_GUILD_ID is set, else global),
 * skipped when the definitions have not changed since the last registration. Also the
 * `npm run deploy-commands` script (add --force to register even when unchanged).
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { REST, Routes, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Db } from '../db/database.ts';
import type { Logger } from '../log.ts';

/** A tiny persistent key-value store (the `settings` table). */
export interface SettingsStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

export function sqliteSettings(db: Db, clock: () => Date = () => new Date()): SettingsStore {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const write = db.prepare<[string, string, string]>(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  return {
    get: (key) => read.get(key)?.value,
    set: (key, value) => {
      write.run(key, value, clock().toISOString());
    },
  };
}

/** JSON with object keys sorted, so equal definitions always hash the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function definitionsHash(definitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[]): string {
  return createHash('sha256').update(canonicalJson(definitions)).digest('hex');
}

export function registrationKey(applicationId: string, guildId: string | undefined): string {
  return `commands.hash:${applicationId}:${guildId ?? 'global'}`;
}

export interface RegisterOptions {
  readonly rest: Pick<REST, 'put'>;
  readonly applicationId: string;
  readonly guildId: string | undefined;
  readonly definitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[];
  readonly settings: SettingsStore;
  readonly logger: Logger;
  /** Register even when the stored hash matches. */
  readonly force?: boolean;
}

export type RegisterOutcome = 'registered' | 'skipped';

export async function registerCommands(options: RegisterOptions): Promise<RegisterOutcome> {
  const { applicationId, guildId, definitions, settings, logger } = options;
  const key = registrationKey(applicationId, guildId);
  const hash = definitionsHash(definitions);
  const scope = guildId ? `server ${guildId}` : 'all servers (global)';
  if (!options.force && settings.get(key) === hash) {
    logger.info('slash commands unchanged since the last registration; skipped', { scope, commands: definitions.length });
    return 'skipped';
  }
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  await options.rest.put(route, { body: definitions });
  settings.set(key, hash);
  logger.info('slash commands registered', { scope, commands: definitions.length });
  return 'registered';
}

/** The application id: from the config, else asked of Discord with the token. */
export async function resolveApplicationId(rest: Pick<REST, 'get'>, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const application = (await rest.get(Routes.currentApplication())) as { id: string };
  return application.id;
}

async function main(): Promise<void> {
  const dotenv = await import('dotenv');
  dotenv.config({ quiet: true });
  const { loadConfig } = await import('../config.ts');
  const { createLogger } = await import('../log.ts');
  const { openDatabase } = await import('../db/database.ts');
  const { commands } = await import('../../commands/index.ts');
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel, secrets: config.discordToken ? [config.discordToken] : [] });
  if (!config.discordToken) {
    console.error('DISCORD_TOKEN is not set: put it in .env (see README) to register slash commands.');
    process.exitCode = 1;
    return;
  }
  const rest = new REST(config.discordApiBase ? { api: config.discordApiBase } : {}).setToken(config.discordToken);
  const db = openDatabase(config.databasePath);
  try {
    const applicationId = await resolveApplicationId(rest, config.discordClientId);
    const outcome = await registerCommands({
      rest,
      applicationId,
      guildId: config.discordGuildId,
      definitions: commands.map((c) => c.data.toJSON()),
      settings: sqliteSettings(db),
      logger,
      force: process.argv.includes('--force'),
    });
    console.log(outcome === 'registered' ? 'Slash commands registered.' : 'Slash commands unchanged; nothing to do (use --force to register anyway).');
  } catch (error) {
    logger.error('registering slash commands failed', { error });
    process.exitCode = 1;
  } finally {
    db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
