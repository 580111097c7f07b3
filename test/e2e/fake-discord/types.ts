/** Public types of the fake Discord harness. Raw Discord shapes come from discord-api-types (re-exported by discord.js). */
import type {
  APIApplicationCommandInteractionDataOption,
  APIApplicationCommandOptionChoice,
  APIEmbed,
  APIInteractionDataResolved,
  APIOverwrite,
} from 'discord.js';

export interface FakeUserSpec {
  readonly id: string;
  readonly username: string;
  readonly globalName?: string;
  readonly bot?: boolean;
}

export interface FakeChannelSpec {
  readonly id: string;
  readonly name: string;
  /** Discord channel type: 0 text (default), 2 voice, 4 category, 5 announcement, 15 forum. */
  readonly type?: number;
  readonly topic?: string;
  readonly parentId?: string;
  readonly nsfw?: boolean;
  readonly permissionOverwrites?: readonly APIOverwrite[];
}

export interface FakeRoleSpec {
  readonly id: string;
  readonly name: string;
  /** Permission bitfield (decimal string or bigint). */
  readonly permissions?: string | bigint;
  readonly position?: number;
}

export interface FakeMemberSpec {
  readonly user: FakeUserSpec;
  readonly roles?: readonly string[];
  readonly nick?: string;
}

export interface FakeGuildSpec {
  readonly id: string;
  readonly name: string;
  readonly channels?: readonly FakeChannelSpec[];
  /** Extra roles; the @everyone role (id = guild id) is always created. */
  readonly roles?: readonly FakeRoleSpec[];
  /** Extra members; the bot's own member is always present. */
  readonly members?: readonly FakeMemberSpec[];
  readonly ownerId?: string;
  /** Permissions of the @everyone role (default: view, send, embed, read history, use commands). */
  readonly everyonePermissions?: string | bigint;
  /** Permissions of the bot's managed role (default: everyone's plus manage messages). */
  readonly botPermissions?: string | bigint;
  readonly preferredLocale?: string;
}

export interface FakeDiscordOptions {
  /** The bot token the client must present (`Authorization: Bot <token>` and IDENTIFY). */
  readonly token: string;
  readonly applicationId?: string;
  /** The bot user; its id defaults to the application id, as on Discord. */
  readonly botUser?: Partial<FakeUserSpec>;
  readonly guilds?: readonly FakeGuildSpec[];
  /** Gateway heartbeat interval sent in HELLO (ms). Small by default to keep tests fast. */
  readonly heartbeatIntervalMs?: number;
  /** How long the bot has to acknowledge an interaction (Discord: 3000 ms). */
  readonly interactionDeadlineMs?: number;
  /** Where diagnostics go (unknown routes, protocol errors). Default: stderr. Never receives the token. */
  readonly log?: (line: string) => void;
}

/** A message as the fake stores it: the current state after edits. */
export interface RecordedMessage {
  readonly id: string;
  readonly channelId: string;
  readonly guildId: string | null;
  /** 'channel' for POST /channels/:id/messages, 'interaction' for replies and followups. */
  readonly source: 'channel' | 'interaction';
  content: string;
  embeds: APIEmbed[];
  components: unknown[];
  flags: number;
  /** The allowed_mentions the bot sent (undefined if it sent none). */
  allowedMentions: unknown;
  /** Raw JSON body of the creating request, then of each edit. */
  readonly bodies: unknown[];
  readonly createdAt: number;
  editedAt: number | null;
  deleted: boolean;
  /** Id of the interaction this message answers, if any. */
  readonly interactionId: string | null;
}

export type InteractionEventKind =
  | 'callback'
  | 'edit-original'
  | 'delete-original'
  | 'followup'
  | 'edit-followup'
  | 'delete-followup';

export interface InteractionEvent {
  readonly kind: InteractionEventKind;
  /** Milliseconds since the interaction was dispatched. */
  readonly atMs: number;
  readonly body: unknown;
  /** HTTP status the fake answered with (400 when a limit was violated). */
  readonly status: number;
}

/** Everything the bot did in answer to one injected interaction. Live object: keeps updating. */
export interface InteractionOutcome {
  readonly id: string;
  readonly token: string;
  /** 2 command, 3 component, 4 autocomplete, 5 modal submit. */
  readonly type: number;
  /** First accepted callback: type 4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 autocomplete, 9 modal. */
  callback: { readonly type: number; readonly data: unknown; readonly latencyMs: number } | null;
  /** Callbacks attempted after the deadline (answered 404 Unknown interaction). */
  lateCallbacks: number;
  ephemeral: boolean;
  /** The @original message (reply, or the component's message for 6/7), current state. */
  original: RecordedMessage | null;
  followups: RecordedMessage[];
  /** Autocomplete choices (callback type 8). */
  choices: APIApplicationCommandOptionChoice[] | null;
  /** Modal sent with callback type 9. */
  modal: unknown;
  /** Every callback/webhook request, in order, including rejected ones. */
  readonly events: InteractionEvent[];
}

export interface InteractionUserOptions {
  /** Default: the first guild. `null` sends the interaction from a DM. */
  readonly guildId?: string | null;
  /** Default: the guild's first text channel. */
  readonly channelId?: string;
  /** Default: a fixed test user (id 100000000000000001). */
  readonly user?: FakeUserSpec;
  /** The invoking member's permissions in the channel (default: everyone's permissions). */
  readonly memberPermissions?: string | bigint;
  readonly memberRoles?: readonly string[];
  /** Bot's permissions in the channel (`app_permissions`; default: Administrator-free bot permissions). */
  readonly appPermissions?: string | bigint;
  readonly locale?: string;
}

export interface SettleOptions {
  /** Quiet time after the last response before the outcome counts as settled (default 60 ms). */
  readonly settleMs?: number;
  /** Give up (reject) when nothing settles within this time (default 5000 ms). */
  readonly timeoutMs?: number;
  /** Resolve as soon as this returns true (checked on every response). */
  readonly until?: (outcome: InteractionOutcome) => boolean;
}

export interface CommandInvocation extends InteractionUserOptions, SettleOptions {
  readonly name: string;
  readonly options?: readonly APIApplicationCommandInteractionDataOption[];
  readonly resolved?: APIInteractionDataResolved;
  /** Default: the id of the registered command with this name, or a fresh snowflake. */
  readonly commandId?: string;
}

export interface AutocompleteInvocation extends InteractionUserOptions {
  readonly name: string;
  /** Exactly one option should carry `focused: true`. */
  readonly options: readonly APIApplicationCommandInteractionDataOption[];
  readonly commandId?: string;
  readonly timeoutMs?: number;
}

export interface ComponentInvocation extends InteractionUserOptions, SettleOptions {
  readonly customId: string;
  /** Id of a message the fake stored (channel post or interaction reply) carrying the component. */
  readonly messageId: string;
}

export interface SelectInvocation extends ComponentInvocation {
  readonly values: readonly string[];
}

export interface ChannelFailure {
  readonly status: number;
  readonly code: number;
  readonly message?: string;
}

export interface FaultOptions {
  /** Only requests whose `METHOD /path` matches (path without /api/v10). Default: every request. */
  readonly match?: RegExp;
}

export interface RateLimitOptions extends FaultOptions {
  /** Seconds the client must wait (default 0.05). */
  readonly retryAfterSeconds?: number;
  readonly global?: boolean;
}

export interface RecordedRequest {
  readonly method: string;
  /** Path without the /api/v10 prefix, e.g. /channels/123/messages. */
  readonly path: string;
  readonly query: Record<string, string>;
  /** Request headers, lower-case names, Authorization removed. */
  readonly headers: Record<string, string>;
  /** Whether a valid `Bot <token>` Authorization header came with it. */
  readonly authorized: boolean;
  /** Parsed JSON body (payload_json for multipart), or undefined. */
  readonly body: unknown;
  status: number;
  readonly at: number;
}

export interface RegisteredCommands {
  /** The commands currently stored (as returned to the client, with ids). */
  readonly commands: readonly StoredCommand[];
  /** How many bulk-overwrite PUTs hit this scope. */
  readonly bulkOverwrites: number;
}

export interface StoredCommand {
  readonly id: string;
  readonly application_id: string;
  readonly guild_id?: string;
  readonly name: string;
  readonly description: string;
  readonly type: number;
  readonly options?: unknown[];
  readonly [key: string]: unknown;
}
