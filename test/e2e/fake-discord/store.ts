/** The fake's world: guilds, channels, messages and registered commands. */
import { nextSnowflake } from './snowflake.ts';
import { normalizeEmbeds, storedCommand } from './payloads.ts';
import type { MessageShape } from './validate.ts';
import type { FakeChannelSpec, FakeGuildSpec, RecordedMessage, StoredCommand } from './types.ts';

interface CommandScope {
  commands: StoredCommand[];
  bulkOverwrites: number;
}

export interface ChannelEntry {
  readonly guildId: string | null;
  readonly spec: FakeChannelSpec;
  readonly position: number;
}

type Body = Record<string, unknown>;

function asBody(value: unknown): Body {
  return typeof value === 'object' && value !== null ? (value as Body) : {};
}

export class FakeStore {
  readonly guilds = new Map<string, FakeGuildSpec>();
  readonly channels = new Map<string, ChannelEntry>();
  readonly messages = new Map<string, RecordedMessage>();
  private readonly commandScopes = new Map<string, CommandScope>();

  addGuild(guild: FakeGuildSpec): void {
    this.guilds.set(guild.id, guild);
    (guild.channels ?? []).forEach((spec, position) => this.channels.set(spec.id, { guildId: guild.id, spec, position }));
  }

  removeGuild(guildId: string): void {
    this.guilds.delete(guildId);
    for (const [id, entry] of this.channels) if (entry.guildId === guildId) this.channels.delete(id);
  }

  firstTextChannel(guildId: string): string | undefined {
    for (const [id, entry] of this.channels) if (entry.guildId === guildId && (entry.spec.type ?? 0) === 0) return id;
    return undefined;
  }

  channelMessages(channelId: string): RecordedMessage[] {
    return [...this.messages.values()].filter((m) => m.channelId === channelId && m.source === 'channel' && !m.deleted);
  }

  createMessage(channelId: string, guildId: string | null, source: RecordedMessage['source'], body: unknown, interactionId: string | null, extraFlags = 0): RecordedMessage {
    const b = asBody(body);
    const message: RecordedMessage = {
      id: nextSnowflake(),
      channelId,
      guildId,
      source,
      content: typeof b['content'] === 'string' ? b['content'] : '',
      embeds: normalizeEmbeds(b['embeds']),
      components: Array.isArray(b['components']) ? b['components'] : [],
      flags: (typeof b['flags'] === 'number' ? b['flags'] : 0) | extraFlags,
      allowedMentions: b['allowed_mentions'],
      bodies: [body],
      createdAt: Date.now(),
      editedAt: null,
      deleted: false,
      interactionId,
    };
    this.messages.set(message.id, message);
    return message;
  }

  /** What the message would look like after `body` is applied (for validating an edit before doing it). */
  mergedShape(message: RecordedMessage, body: unknown): MessageShape {
    const b = asBody(body);
    return {
      content: 'content' in b ? (b['content'] ?? '') : message.content,
      embeds: 'embeds' in b ? (b['embeds'] ?? []) : message.embeds,
      components: 'components' in b ? (b['components'] ?? []) : message.components,
      attachments: b['attachments'],
      allowed_mentions: b['allowed_mentions'],
    };
  }

  applyEdit(message: RecordedMessage, body: unknown, clearFlags = 0): void {
    const b = asBody(body);
    if ('content' in b) message.content = typeof b['content'] === 'string' ? b['content'] : '';
    if ('embeds' in b) message.embeds = normalizeEmbeds(b['embeds']);
    if ('components' in b) message.components = Array.isArray(b['components']) ? b['components'] : [];
    if ('allowed_mentions' in b) message.allowedMentions = b['allowed_mentions'];
    if (typeof b['flags'] === 'number') message.flags = b['flags'];
    message.flags &= ~clearFlags;
    message.bodies.push(body);
    message.editedAt = Date.now();
  }

  private scope(guildId: string | null): CommandScope {
    const key = guildId ?? 'global';
    let scope = this.commandScopes.get(key);
    if (!scope) {
      scope = { commands: [], bulkOverwrites: 0 };
      this.commandScopes.set(key, scope);
    }
    return scope;
  }

  commands(guildId: string | null): { commands: readonly StoredCommand[]; bulkOverwrites: number } {
    const scope = this.scope(guildId);
    return { commands: [...scope.commands], bulkOverwrites: scope.bulkOverwrites };
  }

  /** Bulk overwrite; like Discord, a command keeps its id when its name and type stay. */
  overwriteCommands(applicationId: string, guildId: string | null, bodies: unknown[]): StoredCommand[] {
    const scope = this.scope(guildId);
    scope.commands = bodies.map((body) => storedCommand(body, applicationId, guildId, this.existingId(scope, body) ?? nextSnowflake()));
    scope.bulkOverwrites += 1;
    return scope.commands;
  }

  upsertCommand(applicationId: string, guildId: string | null, body: unknown): { command: StoredCommand; created: boolean } {
    const scope = this.scope(guildId);
    const existing = this.existingId(scope, body);
    const command = storedCommand(body, applicationId, guildId, existing ?? nextSnowflake());
    scope.commands = existing ? scope.commands.map((c) => (c.id === existing ? command : c)) : [...scope.commands, command];
    return { command, created: existing === undefined };
  }

  deleteCommand(guildId: string | null, commandId: string): boolean {
    const scope = this.scope(guildId);
    const before = scope.commands.length;
    scope.commands = scope.commands.filter((c) => c.id !== commandId);
    return scope.commands.length !== before;
  }

  findCommand(name: string, guildId: string | null): StoredCommand | undefined {
    const inGuild = guildId === null ? undefined : this.scope(guildId).commands.find((c) => c.name === name);
    return inGuild ?? this.scope(null).commands.find((c) => c.name === name);
  }

  private existingId(scope: CommandScope, body: unknown): string | undefined {
    const b = asBody(body);
    const type = typeof b['type'] === 'number' ? b['type'] : 1;
    return scope.commands.find((c) => c.name === b['name'] && c.type === type)?.id;
  }
}
