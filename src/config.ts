import { z } from 'zod';

/**
 * Every setting Briefbot reads from the environment. `.env.example` documents each key; a test
 * keeps the two in step.
 */
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const schema = z.object({
  DISCORD_TOKEN: optionalText,
  DISCORD_CLIENT_ID: optionalText.pipe(
    z.string().regex(/^\d{17,20}$/, 'a Discord application id (17-20 digits)').optional(),
  ),
  DISCORD_GUILD_ID: optionalText.pipe(z.string().regex(/^\d{17,20}$/, 'a Discord server id (17-20 digits)').optional()),
  DISCORD_API_BASE: optionalText.pipe(z.url({ protocol: /^https?$/, message: 'an http(s) URL such as http://127.0.0.1:3000/api' }).optional()),
  DATABASE_PATH: optionalText.transform((value) => value ?? 'data/briefbot.db'),
  ARTICLES_DIR: optionalText,
  LOG_LEVEL: optionalText.pipe(
    z.enum(['debug', 'info', 'warn', 'error', 'silent'], { message: 'one of debug, info, warn, error, silent' }).optional(),
  ),
});

export interface Config {
  readonly discordToken: string | undefined;
  readonly discordClientId: string | undefined;
  readonly discordGuildId: string | undefined;
  readonly discordApiBase: string | undefined;
  readonly databasePath: string;
  readonly articlesDir: string | undefined;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

/** The keys the schema reads, for the .env.example check. */
export const configKeys: readonly string[] = Object.keys(schema.shape);

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Turns an environment into a frozen, typed config. A wrong value throws a ConfigError whose
 * message is one line naming the variable and what is expected (never the value: it may be secret).
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`Invalid ${key}: expected ${issue?.message ?? 'a valid value'}`);
  }
  const v = parsed.data;
  return Object.freeze({
    discordToken: v.DISCORD_TOKEN,
    discordClientId: v.DISCORD_CLIENT_ID,
    discordGuildId: v.DISCORD_GUILD_ID,
    discordApiBase: v.DISCORD_API_BASE,
    databasePath: v.DATABASE_PATH,
    articlesDir: v.ARTICLES_DIR,
    logLevel: v.LOG_LEVEL ?? 'info',
  });
}
