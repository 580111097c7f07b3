import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { ephemeralText, escapeText, message } from '../src/discord/format.ts';
import { guildOnly, requireManageServer } from '../src/discord/guards.ts';
import type { BotDeps, Command, CommandContext } from '../src/discord/router.ts';
import type { DigestFeature } from '../src/digest/feature.ts';
import { formatLocalTime, nextOccurrence, parseLocalTime, parseTimeZone, suggestTimeZones } from '../src/digest/schedule.ts';
import type { Subscription } from '../src/digest/subscriptions.ts';

declare module '../src/discord/router.ts' {
  interface BotDeps {
    /** Absent when the bot runs without digests (e.g. console mode without a database). */
    readonly digest?: DigestFeature | undefined;
  }
}

export const digestSubcommands = ['subscribe', 'unsubscribe', 'list', 'preview', 'now'] as const;
export type DigestSubcommand = (typeof digestSubcommands)[number];
/**
 * Subcommands that change what gets posted need Manage Server. The command's default member
 * permissions hide it from others, but server admins can override that, so it is checked again.
 */
const changing: ReadonlySet<DigestSubcommand> = new Set(['subscribe', 'unsubscribe', 'now']);

const defaultArticles = 5;

const unix = (date: Date): number => Math.floor(date.getTime() / 1000);

function describe(subscription: Subscription, now: Date): string {
  const when = `${formatLocalTime(subscription.time)} ${subscription.timeZone}`;
  const size = `up to ${subscription.maxArticles} article${subscription.maxArticles === 1 ? '' : 's'}`;
  if (subscription.pausedReason !== null) {
    return `<#${subscription.channelId}> · ${when} · ${size} · **paused**: ${escapeText(subscription.pausedReason)} (fix it, then /digest subscribe again)`;
  }
  const next = nextOccurrence(now, subscription.time, subscription.timeZone);
  return `<#${subscription.channelId}> · ${when} · ${size}${subscription.notifyEmpty ? ' · notes quiet days' : ''} · next <t:${unix(next)}:f>`;
}

function subcommandOf(context: CommandContext): DigestSubcommand | null {
  const invoked = context.subcommand();
  return digestSubcommands.find((name) => name === invoked) ?? null;
}

async function subscribe(context: CommandContext, digest: DigestFeature, guildId: string): Promise<void> {
  const channelId = context.string('channel');
  const time = parseLocalTime(context.string('time') ?? '');
  const zone = parseTimeZone(context.string('timezone') ?? 'UTC');
  const articles = context.integer('articles') ?? defaultArticles;
  if (!channelId) return context.reply(ephemeralText('Pick the channel the digest should go to (`channel`).'));
  if (!time.ok) return context.reply(ephemeralText(time.error));
  if (!zone.ok) return context.reply(ephemeralText(zone.error));
  if (articles < 1 || articles > 10) return context.reply(ephemeralText('`articles` must be between 1 and 10.'));
  const subscription = digest.subscriptions.subscribe({
    guildId,
    channelId,
    time: time.value,
    timeZone: zone.value,
    maxArticles: articles,
    notifyEmpty: context.boolean('empty_note') ?? false,
    createdBy: context.actor.userId,
  });
  digest.scheduler.refresh(subscription.id);
  await context.reply(ephemeralText(`Daily digest set: ${describe(subscription, digest.now())}`));
}

async function unsubscribe(context: CommandContext, digest: DigestFeature, guildId: string): Promise<void> {
  const channelId = context.string('channel');
  if (!channelId) return context.reply(ephemeralText('Pick the channel to stop (`channel`).'));
  const removed = digest.subscriptions.unsubscribe(guildId, channelId);
  if (!removed) return context.reply(ephemeralText(`<#${channelId}> has no daily digest.`));
  digest.scheduler.refresh(removed.id);
  await context.reply(ephemeralText(`Daily digest for <#${channelId}> stopped.`));
}

async function list(context: CommandContext, digest: DigestFeature, guildId: string): Promise<void> {
  const subscriptions = digest.subscriptions.listGuild(guildId);
  if (subscriptions.length === 0) {
    return context.reply(ephemeralText('No daily digests in this server yet. Start one with /digest subscribe.'));
  }
  const now = digest.now();
  const lines = subscriptions.map((subscription) => `• ${describe(subscription, now)}`);
  await context.reply(ephemeralText(`**Daily digests**\n${lines.join('\n')}`));
}

/** The subscription a preview or post-now is about: the named channel, or the server's only one. */
function target(context: CommandContext, digest: DigestFeature, guildId: string): Subscription | string {
  const channelId = context.string('channel');
  const subscriptions = digest.subscriptions.listGuild(guildId);
  if (channelId) return subscriptions.find((s) => s.channelId === channelId) ?? `<#${channelId}> has no daily digest.`;
  if (subscriptions.length === 1 && subscriptions[0]) return subscriptions[0];
  return subscriptions.length === 0
    ? 'No daily digests in this server yet. Start one with /digest subscribe.'
    : 'Several channels have digests: name one with `channel`.';
}

async function preview(context: CommandContext, digest: DigestFeature, guildId: string): Promise<void> {
  const subscription = target(context, digest, guildId);
  if (typeof subscription === 'string') return context.reply(ephemeralText(subscription));
  const composed = digest.preview(subscription);
  const [first] = composed.messages;
  if (!first) {
    return context.reply(ephemeralText(`Nothing new for <#${subscription.channelId}> since its last digest: nothing would be posted.`));
  }
  const more = composed.messages.length > 1 ? ` (showing message 1 of ${composed.messages.length})` : '';
  await context.reply(
    message({
      content: `Preview of the next digest for <#${subscription.channelId}>${more}:\n${first.content ?? ''}`,
      embeds: first.embeds,
      ephemeral: true,
    }),
  );
}

async function postNow(context: CommandContext, digest: DigestFeature, guildId: string): Promise<void> {
  const subscription = target(context, digest, guildId);
  if (typeof subscription === 'string') return context.reply(ephemeralText(subscription));
  if (subscription.pausedReason !== null) {
    return context.reply(ephemeralText(`That digest is paused: ${escapeText(subscription.pausedReason)}. Fix it, then /digest subscribe again.`));
  }
  await context.defer(true);
  const result = await digest.postNow(subscription, digest.now().toISOString());
  const where = `<#${subscription.channelId}>`;
  const text =
    result.status === 'posted'
      ? `Digest posted to ${where} (${result.messages} message${result.messages === 1 ? '' : 's'}).`
      : result.status === 'empty'
        ? `Nothing new for ${where} since its last digest.`
        : result.status === 'paused'
          ? `Could not post to ${where}; the digest is paused: ${escapeText(result.reason)}`
          : result.status === 'failed'
            ? `Could not post to ${where} (${escapeText(result.reason)}); it will be retried at the next start.`
            : 'A digest for that channel is being posted right now.';
  await context.reply(ephemeralText(text));
}

const digestChannelTypes = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

export default {
  data: new SlashCommandBuilder()
    .setName('digest')
    .setDescription('Daily digests of new articles, posted to a channel at a set time')
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addSubcommand((sub) =>
      sub
        .setName('subscribe')
        .setDescription('Post a daily digest to a channel at a local time (Manage Server)')
        .addChannelOption((option) =>
          option.setName('channel').setDescription('The channel that gets the digest').setRequired(true).addChannelTypes(...digestChannelTypes),
        )
        .addStringOption((option) =>
          option.setName('time').setDescription('Local time of day, 24-hour HH:MM, e.g. 08:30').setRequired(true).setMaxLength(5),
        )
        .addStringOption((option) =>
          option.setName('timezone').setDescription('IANA time zone, e.g. Europe/Berlin (default UTC)').setAutocomplete(true).setMaxLength(100),
        )
        .addIntegerOption((option) =>
          option.setName('articles').setDescription(`Articles per digest, 1-10 (default ${defaultArticles})`).setMinValue(1).setMaxValue(10),
        )
        .addBooleanOption((option) =>
          option.setName('empty_note').setDescription('Post a short note on days without new articles (default no)'),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('unsubscribe')
        .setDescription("Stop a channel's daily digest (Manage Server)")
        .addChannelOption((option) =>
          option.setName('channel').setDescription('The channel to stop').setRequired(true).addChannelTypes(...digestChannelTypes),
        ),
    )
    .addSubcommand((sub) => sub.setName('list').setDescription("This server's daily digests and when they post next"))
    .addSubcommand((sub) =>
      sub
        .setName('preview')
        .setDescription('Show privately what the next digest would post')
        .addChannelOption((option) =>
          option.setName('channel').setDescription('Which digest (needed when several channels have one)').addChannelTypes(...digestChannelTypes),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('now')
        .setDescription("Post a channel's digest now (Manage Server)")
        .addChannelOption((option) =>
          option.setName('channel').setDescription('The channel whose digest to post').setRequired(true).addChannelTypes(...digestChannelTypes),
        ),
    ),
  guards: [guildOnly],
  async execute(context, deps: BotDeps) {
    const digest = deps.digest;
    const guildId = context.actor.guildId;
    const subcommand = subcommandOf(context);
    if (!digest || guildId === null) return context.reply(ephemeralText('Daily digests are not available here.'));
    if (!subcommand) return context.reply(ephemeralText(`Choose one of: ${digestSubcommands.map((name) => `/digest ${name}`).join(', ')}.`));
    if (changing.has(subcommand)) {
      const verdict = requireManageServer(context.actor);
      if (!verdict.ok) return context.reply(ephemeralText(verdict.reason));
    }
    switch (subcommand) {
      case 'subscribe':
        return subscribe(context, digest, guildId);
      case 'unsubscribe':
        return unsubscribe(context, digest, guildId);
      case 'list':
        return list(context, digest, guildId);
      case 'preview':
        return preview(context, digest, guildId);
      case 'now':
        return postNow(context, digest, guildId);
    }
  },
  async autocomplete(context) {
    if (context.focused.name !== 'timezone') return context.respond([]);
    await context.respond(suggestTimeZones(context.focused.value, 25).map((zone) => ({ name: zone, value: zone })));
  },
} satisfies Command;
