/** A real Briefbot digest stack (router, discord.js client, ledger) against the fake Discord. */
import type { APIApplicationCommandInteractionDataOption, APIInteractionDataResolved } from 'discord.js';
import { ApplicationCommandOptionType, ChannelType, PermissionFlagsBits } from 'discord.js';
import digestCommand from '../../commands/digest.ts';
import { SqliteArticleStore } from '../../src/articles/store-sqlite.ts';
import { createBriefService } from '../../src/briefs/service.ts';
import { openDatabase, type Db } from '../../src/db/database.ts';
import { startDiscordBot, type DiscordBot } from '../../src/discord/client.ts';
import { createRouter } from '../../src/discord/router.ts';
import { createDigestFeature, type DigestFeature } from '../../src/digest/feature.ts';
import type { Summarize } from '../../src/summarizer/types.ts';
import { silentLogger } from '../../src/log.ts';
import { summarize } from '../../src/summarizer/summarize.ts';
import { FakeDiscord } from './fake-discord/index.ts';

export const token = 'fake-token-digest.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789';
export const guildId = '200000000000000011';
export const newsChannel = '300000000000000011';
export const sportsChannel = '300000000000000012';
export const manager = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ManageGuild;

export async function startFakeDiscord(): Promise<FakeDiscord> {
  return FakeDiscord.start({
    token,
    heartbeatIntervalMs: 500,
    log: () => undefined,
    guilds: [
      {
        id: guildId,
        name: 'Newsroom',
        channels: [
          { id: newsChannel, name: 'news' },
          { id: sportsChannel, name: 'sports' },
        ],
      },
    ],
  });
}

/** One bot process: its own database connection, client and digest scheduler. */
export interface BotProcess {
  readonly db: Db;
  readonly articles: SqliteArticleStore;
  readonly digest: DigestFeature;
  readonly bot: DiscordBot;
  stop(): Promise<void>;
}

export async function startBot(
  fake: FakeDiscord,
  databasePath: string,
  options: { now?: () => Date; owner?: string; summarize?: Summarize; startScheduler?: boolean } = {},
): Promise<BotProcess> {
  const db = openDatabase(databasePath);
  const articles = new SqliteArticleStore(db);
  const clock = options.now ?? (() => new Date());
  const summarizeFn = options.summarize ?? summarize;
  let digest: DigestFeature | undefined;
  const router = createRouter(
    [digestCommand],
    {
      store: articles,
      briefs: createBriefService({ store: articles, summarize: summarizeFn }),
      logger: silentLogger,
      clock,
      get digest() {
        return digest;
      },
    },
    {},
  );
  const bot = await startDiscordBot({ token, apiBase: fake.apiBase, router, logger: silentLogger });
  await fake.waitForReady();
  digest = createDigestFeature({
    db,
    articles,
    summarize: summarizeFn,
    logger: silentLogger,
    rest: bot.client.rest,
    now: clock,
    ...(options.owner === undefined ? {} : { owner: options.owner }),
  });
  if (options.startScheduler ?? true) await digest.start();
  const started = digest;
  return {
    db,
    articles,
    digest: started,
    bot,
    stop: async () => {
      await started.stop();
      await bot.stop();
      db.close();
    },
  };
}

const optionTypes: Record<string, number> = { channel: 7, time: 3, timezone: 3, articles: 4, empty_note: 5 };
const channelNames: Record<string, string> = { [newsChannel]: 'news', [sportsChannel]: 'sports' };

/**
 * A `/digest <subcommand> ...` invocation as Discord sends it: the subcommand as an option of type 1
 * with its own options nested inside, and picked channels described in `resolved.channels`.
 */
export function digestInvocation(
  subcommand: string,
  values: Record<string, string | number | boolean> = {},
): { options: APIApplicationCommandInteractionDataOption[]; resolved: APIInteractionDataResolved } {
  const nested = Object.entries(values).map(
    ([name, value]) => ({ name, type: optionTypes[name] ?? 3, value }) as APIApplicationCommandInteractionDataOption,
  );
  const channelId = values['channel'];
  const channels =
    typeof channelId === 'string'
      ? { [channelId]: { id: channelId, name: channelNames[channelId] ?? 'channel', type: ChannelType.GuildText, permissions: String(manager) } }
      : {};
  return {
    options: [{ name: subcommand, type: ApplicationCommandOptionType.Subcommand, options: nested } as APIApplicationCommandInteractionDataOption],
    resolved: { channels } as APIInteractionDataResolved,
  };
}

/** The text of an interaction's answer (reply, edited deferral or follow-up). */
export function answerText(outcome: { original: { content: string } | null; followups: { content: string }[] }): string {
  return [outcome.original?.content ?? '', ...outcome.followups.map((f) => f.content)].join('\n');
}

export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
