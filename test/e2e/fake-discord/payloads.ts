/** Builders of realistic Discord payloads (discord.js parses these, so they carry the fields it reads). */
import { PermissionFlagsBits } from 'discord.js';
import { nextSnowflake, snowflakeTime } from './snowflake.ts';
import type { FakeChannelSpec, FakeGuildSpec, FakeMemberSpec, FakeUserSpec, RecordedMessage, StoredCommand } from './types.ts';

export type Json = Record<string, unknown>;

export const defaultEveryonePermissions =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands;

export const defaultBotPermissions = defaultEveryonePermissions | PermissionFlagsBits.ManageMessages;

export const defaultTestUser: FakeUserSpec = { id: '100000000000000001', username: 'reader' };

export function permissionString(value: string | bigint | undefined, fallback: bigint): string {
  if (value === undefined) return fallback.toString();
  return typeof value === 'bigint' ? value.toString() : BigInt(value).toString();
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function userPayload(user: FakeUserSpec): Json {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName ?? null,
    avatar: null,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    bot: user.bot ?? false,
    system: false,
    public_flags: 0,
    flags: 0,
  };
}

export function channelPayload(guildId: string | null, channel: FakeChannelSpec, position = 0): Json {
  return {
    id: channel.id,
    type: channel.type ?? 0,
    ...(guildId === null ? {} : { guild_id: guildId }),
    name: channel.name,
    position,
    permission_overwrites: channel.permissionOverwrites ?? [],
    parent_id: channel.parentId ?? null,
    topic: channel.topic ?? null,
    nsfw: channel.nsfw ?? false,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

export function dmChannelPayload(channelId: string, recipient: FakeUserSpec): Json {
  return { id: channelId, type: 1, last_message_id: null, flags: 0, recipients: [userPayload(recipient)] };
}

function rolePayload(id: string, name: string, permissions: string, position: number, managed: boolean, botId?: string): Json {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions,
    managed,
    mentionable: false,
    flags: 0,
    ...(botId === undefined ? {} : { tags: { bot_id: botId } }),
  };
}

export function memberPayload(member: FakeMemberSpec, joinedAt: number): Json {
  return {
    user: userPayload(member.user),
    nick: member.nick ?? null,
    avatar: null,
    banner: null,
    roles: [...(member.roles ?? [])],
    joined_at: iso(joinedAt),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

/** The bot's managed role id in a guild (stable, derived from the guild id). */
export function botRoleId(guildId: string): string {
  return (BigInt(guildId) + 1n).toString();
}

export function guildPayload(guild: FakeGuildSpec, bot: FakeUserSpec, joinedAt: number): Json {
  const everyone = permissionString(guild.everyonePermissions, defaultEveryonePermissions);
  const botPermissions = permissionString(guild.botPermissions, defaultBotPermissions | BigInt(everyone));
  const roles = [
    rolePayload(guild.id, '@everyone', everyone, 0, false),
    rolePayload(botRoleId(guild.id), bot.username, botPermissions, 1, true, bot.id),
    ...(guild.roles ?? []).map((role, index) =>
      rolePayload(role.id, role.name, permissionString(role.permissions, 0n), role.position ?? index + 2, false),
    ),
  ];
  const members = [
    memberPayload({ user: bot, roles: [botRoleId(guild.id)] }, joinedAt),
    ...(guild.members ?? []).map((member) => memberPayload(member, joinedAt)),
  ];
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId ?? defaultTestUser.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    preferred_locale: guild.preferredLocale ?? 'en-US',
    features: [],
    emojis: [],
    stickers: [],
    roles,
    joined_at: iso(joinedAt),
    large: false,
    unavailable: false,
    member_count: members.length,
    max_members: 500000,
    max_video_channel_users: 25,
    members,
    channels: (guild.channels ?? []).map((channel, index) => channelPayload(null, channel, index)),
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function applicationPayload(applicationId: string, bot: FakeUserSpec): Json {
  return {
    id: applicationId,
    name: bot.username,
    icon: null,
    description: '',
    summary: '',
    type: null,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    team: null,
    owner: userPayload(defaultTestUser),
    bot: userPayload(bot),
  };
}

/** A command as Discord stores and returns it. */
export function storedCommand(body: unknown, applicationId: string, guildId: string | null, id: string): StoredCommand {
  const b = typeof body === 'object' && body !== null ? (body as Json) : {};
  const type = typeof b['type'] === 'number' ? b['type'] : 1;
  return {
    name_localizations: null,
    description_localizations: null,
    default_member_permissions: null,
    nsfw: false,
    contexts: null,
    integration_types: [0],
    ...b,
    id,
    application_id: applicationId,
    ...(guildId === null ? {} : { guild_id: guildId }),
    version: nextSnowflake(),
    type,
    name: String(b['name'] ?? ''),
    description: type === 1 ? String(b['description'] ?? '') : '',
    options: Array.isArray(b['options']) ? b['options'] : [],
  };
}

/** Discord fills in `type: 'rich'` and keeps the rest of each embed. */
export function normalizeEmbeds(embeds: unknown): RecordedMessage['embeds'] {
  if (!Array.isArray(embeds)) return [];
  return embeds.map((embed) => ({ type: 'rich', ...(embed as Json) })) as unknown as RecordedMessage['embeds'];
}

export interface MessageContext {
  readonly author: FakeUserSpec;
  readonly applicationId: string;
  readonly interaction?: { readonly id: string; readonly type: number; readonly user: FakeUserSpec; readonly commandName?: string };
}

export function messagePayload(message: RecordedMessage, context: MessageContext): Json {
  const interaction = context.interaction;
  return {
    id: message.id,
    type: interaction && interaction.type === 2 ? 20 : 0,
    channel_id: message.channelId,
    ...(message.guildId === null ? {} : { guild_id: message.guildId }),
    author: userPayload({ ...context.author, bot: true }),
    content: message.content,
    timestamp: iso(snowflakeTime(message.id)),
    edited_timestamp: message.editedAt === null ? null : iso(message.editedAt),
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    mention_channels: [],
    attachments: [],
    embeds: message.embeds,
    reactions: [],
    pinned: false,
    flags: message.flags,
    components: message.components,
    ...(message.source === 'interaction' ? { webhook_id: context.applicationId, application_id: context.applicationId } : {}),
    ...(interaction
      ? {
          interaction_metadata: {
            id: interaction.id,
            type: interaction.type,
            user: userPayload(interaction.user),
            authorizing_integration_owners: {},
          },
        }
      : {}),
  };
}
