/**
 * The discord.js edge: one Client (Guilds intent only), interactions adapted to router events,
 * every message sent with no mentions allowed. Command registration runs once the client is ready.
 */
import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { Logger } from '../log.ts';
import { noMentions, type OutgoingMessage } from './format.ts';
import type { Actor } from './guards.ts';
import { isSubcommandLike, type InteractionEvent, type Invoked, type OptionValue, type Responder, type Router } from './router.ts';

/** Message JSON as discord.js takes it, mentions always off. */
function toPayload(message: OutgoingMessage) {
  return {
    ...(message.content === undefined ? {} : { content: message.content }),
    ...(message.embeds === undefined ? {} : { embeds: message.embeds as unknown as APIEmbed[] }),
    ...(message.components === undefined ? {} : { components: message.components as unknown as APIActionRowComponent<APIButtonComponent>[] }),
    allowedMentions: { parse: [...noMentions.parse] },
  };
}

/** For new messages: `ephemeral` becomes the Ephemeral flag. */
function toNewMessage(message: OutgoingMessage) {
  return message.ephemeral === true ? { ...toPayload(message), flags: MessageFlags.Ephemeral as const } : toPayload(message);
}

function actorOf(interaction: Interaction): Actor {
  return {
    userId: interaction.user.id,
    guildId: interaction.guildId,
    permissions: interaction.memberPermissions?.bitfield ?? null,
  };
}

interface RawOption {
  readonly name: string;
  readonly type: number;
  readonly value?: unknown;
  readonly options?: readonly RawOption[];
}

/**
 * Option values by name. A subcommand's (or group's) options arrive nested inside it; they are
 * flattened, since only one subcommand is ever invoked. Channel, user and role options carry the id.
 */
export function flattenOptions(data: readonly RawOption[]): Record<string, OptionValue> {
  const options: Record<string, OptionValue> = {};
  for (const option of data) {
    if (isSubcommandLike(option)) Object.assign(options, flattenOptions(option.options ?? []));
    else if (typeof option.value === 'string' || typeof option.value === 'number' || typeof option.value === 'boolean') {
      options[option.name] = option.value;
    }
  }
  return options;
}

function optionsOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): Record<string, OptionValue> {
  return flattenOptions(interaction.options.data);
}

function invokedOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): Invoked {
  return {
    subcommandGroup: interaction.options.getSubcommandGroup(false),
    subcommand: interaction.options.getSubcommand(false),
  };
}

function commandResponder(interaction: ChatInputCommandInteraction | ButtonInteraction | StringSelectMenuInteraction): Responder {
  return {
    reply: async (message) => {
      await interaction.reply(toNewMessage(message));
    },
    defer: async (ephemeral) => {
      await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    },
    edit: async (message) => {
      await interaction.editReply(toPayload(message));
    },
    followUp: async (message) => {
      await interaction.followUp(toNewMessage(message));
    },
    deleteReply: async () => {
      await interaction.deleteReply();
    },
  };
}

/** Turns a discord.js interaction into a router event; null for kinds the bot does not handle. */
export function toRouterEvent(interaction: Interaction): InteractionEvent | null {
  if (interaction.isChatInputCommand()) {
    return {
      kind: 'chat-input',
      commandName: interaction.commandName,
      ...invokedOf(interaction),
      options: optionsOf(interaction),
      actor: actorOf(interaction),
      responder: commandResponder(interaction),
    };
  }
  if (interaction.isAutocomplete()) {
    const focused = interaction.options.getFocused(true);
    return {
      kind: 'autocomplete',
      commandName: interaction.commandName,
      ...invokedOf(interaction),
      focused: { name: focused.name, value: String(focused.value) },
      options: optionsOf(interaction),
      actor: actorOf(interaction),
      respond: async (choices) => {
        await interaction.respond(choices.map((c) => ({ name: c.name, value: c.value })));
      },
    };
  }
  if (interaction.isButton() || interaction.isStringSelectMenu()) {
    return {
      kind: 'component',
      customId: interaction.customId,
      values: interaction.isStringSelectMenu() ? interaction.values : [],
      actor: actorOf(interaction),
      responder: {
        ...commandResponder(interaction),
        update: async (message) => {
          await interaction.update(toPayload(message));
        },
        deferUpdate: async () => {
          await interaction.deferUpdate();
        },
      },
    };
  }
  return null;
}

export interface DiscordBotOptions {
  readonly token: string;
  readonly apiBase: string | undefined;
  readonly router: Router;
  readonly logger: Logger;
  /** Runs once the gateway session is ready (command registration); failures are logged. */
  readonly onReady?: (applicationId: string, rest: Client['rest']) => Promise<void>;
}

export interface DiscordBot {
  readonly client: Client;
  stop(): Promise<void>;
}

export async function startDiscordBot(options: DiscordBotOptions): Promise<DiscordBot> {
  const { router, logger } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    ...(options.apiBase ? { rest: { api: options.apiBase } } : {}),
  });

  client.on(Events.InteractionCreate, (interaction) => {
    const event = toRouterEvent(interaction);
    if (!event) return;
    router.handle(event).catch((error: unknown) => {
      logger.error('interaction handling failed', { userId: interaction.user.id, guildId: interaction.guildId, error });
    });
  });
  client.once(Events.ClientReady, (ready) => {
    logger.info('connected to Discord', { user: ready.user.tag, guilds: ready.guilds.cache.size });
    const applicationId = ready.application.id;
    options.onReady?.(applicationId, client.rest).catch((error: unknown) => logger.error('start-up task failed', { error }));
  });
  client.on(Events.Error, (error) => logger.error('discord client error', { error }));
  client.on(Events.Warn, (message) => logger.warn('discord client warning', { message }));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn('gateway disconnected', { shardId, code: event.code }));
  client.on(Events.ShardReconnecting, (shardId) => logger.info('gateway reconnecting', { shardId }));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info('gateway session resumed', { shardId, replayed }));
  client.on(Events.ShardError, (error, shardId) => logger.error('gateway error', { shardId, error }));

  try {
    await client.login(options.token);
  } catch (error) {
    await client.destroy(); // leave no sockets or timers behind, so the process can exit
    throw error;
  }
  return {
    client,
    stop: async () => {
      await client.destroy();
    },
  };
}
