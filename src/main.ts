/**
 * The bot entry point (`npm start`): config -> store -> summarizer -> router -> Discord client,
 * or, without a token, the same router in a local console. Clean shutdown on SIGINT/SIGTERM.
 */
import dotenv from 'dotenv';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commands } from '../commands/index.ts';
import { importPaths } from './articles/import.ts';
import { SqliteArticleStore } from './articles/store-sqlite.ts';
import type { ArticleStore } from './articles/types.ts';
import { createBriefService } from './briefs/service.ts';
import { logTally, watchArticleFolder } from './briefs/watch-folder.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { startDiscordBot } from './discord/client.ts';
import { connectInstructions, runConsole } from './discord/console.ts';
import { registerCommands, sqliteSettings } from './discord/deploy.ts';
import { createRouter, type BotDeps } from './discord/router.ts';
import { createDigestFeature } from './digest/feature.ts';
import { createLogger, type Logger } from './log.ts';
import { summarize } from './summarizer/summarize.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const samplesDir = join(repoRoot, 'samples');

type Cleanup = () => Promise<void> | void;

/** Imports ARTICLES_DIR now and keeps watching it; errors are logged, never fatal. */
async function startArticleFolder(config: Config, store: ArticleStore, logger: Logger): Promise<Cleanup | null> {
  if (!config.articlesDir) return null;
  if (!existsSync(config.articlesDir)) {
    logger.warn('ARTICLES_DIR does not exist; not importing or watching it', { dir: config.articlesDir });
    return null;
  }
  try {
    logTally(logger, 'ARTICLES_DIR', await importPaths(store, [config.articlesDir]));
  } catch (error) {
    logger.error('importing ARTICLES_DIR failed', { dir: config.articlesDir, error });
  }
  const watcher = watchArticleFolder({ dir: config.articlesDir, store, logger, importer: importPaths });
  return () => watcher.close();
}

/** A new user with an empty store gets the shipped samples, so the commands have something to show. */
async function importSamplesIfEmpty(store: ArticleStore, logger: Logger, print: (line: string) => void): Promise<void> {
  if (store.count() > 0 || !existsSync(samplesDir)) return;
  try {
    const tally = await importPaths(store, [samplesDir]);
    print(`Imported ${tally.imported} sample article${tally.imported === 1 ? '' : 's'} from samples/ (the store was empty).\n`);
  } catch (error) {
    logger.error('importing the sample articles failed', { error });
  }
}

export async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, secrets: config.discordToken ? [config.discordToken] : [] });
  process.on('unhandledRejection', (reason) => logger.error('unhandled promise rejection', { error: reason }));
  process.on('uncaughtException', (error) => logger.error('uncaught exception', { error }));

  const store = SqliteArticleStore.open(config.databasePath);
  const deps: BotDeps = {
    store,
    briefs: createBriefService({ store, summarize }),
    logger,
    clock: () => new Date(),
  };
  const router = createRouter(commands, deps);
  const cleanups: Cleanup[] = [];

  let stopping: Promise<void> | null = null;
  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      logger.info('shutting down', { reason });
      for (const cleanup of cleanups.reverse()) {
        try {
          await cleanup();
        } catch (error) {
          logger.error('error during shutdown', { error });
        }
      }
      store.close();
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void shutdown(signal).finally(() => process.exit(0));
    });
  }

  const folder = await startArticleFolder(config, store, logger);
  if (folder) cleanups.push(folder);

  if (!config.discordToken) {
    const print = (text: string): void => {
      process.stdout.write(`${text}\n`);
    };
    print(connectInstructions);
    await importSamplesIfEmpty(store, logger, print);
    print(`${store.count()} articles stored in ${config.databasePath}.\n`);
    await runConsole({ router, input: process.stdin, output: process.stdout, interactive: process.stdin.isTTY === true });
    await shutdown('end of input');
    return;
  }

  const token = config.discordToken;
  const bot = await startDiscordBot({
    token,
    apiBase: config.discordApiBase,
    router,
    logger,
    onReady: async (applicationId, rest) => {
      await registerCommands({
        rest,
        applicationId: config.discordClientId ?? applicationId,
        guildId: config.discordGuildId,
        definitions: router.definitions(),
        settings: sqliteSettings(store.db),
        logger,
      });
    },
  }).catch(async (error: unknown) => {
    logger.error('could not connect to Discord (check DISCORD_TOKEN)', { error });
    await shutdown('login failed');
    process.exitCode = 1;
    return null;
  });
  if (bot) cleanups.push(() => bot.stop());
  if (bot) {
    // Digests post through the client's REST queue (one global rate limit), so they join the deps once connected.
    const digest = createDigestFeature({ db: store.db, articles: store, summarize, logger, rest: bot.client.rest });
    Object.assign(deps, { digest });
    cleanups.push(() => digest.stop());
    await digest.start().catch((error: unknown) => logger.error('starting the digest schedules failed', { error }));
  }
}

await main();
