/**
 * Routes interactions to commands. It knows nothing of discord.js objects: the client and the
 * console each adapt their input to these small events and their output to a Responder, so both
 * run exactly the same command code.
 */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { ArticleStore } from '../articles/types.ts';
import type { BriefService } from '../briefs/service.ts';
import type { Logger } from '../log.ts';
import { ephemeralText, type Choice, type HelpEntry, type OutgoingMessage } from './format.ts';
import { checkGuards, type Actor, type Guard } from './guards.ts';

/**
 * What handlers receive besides the interaction. Other features add their own members by
 * declaration merging (`declare module '.../router.ts' { interface BotDeps { digest: ... } }`).
 */
export interface BotDeps {
  readonly store: ArticleStore;
  readonly briefs: BriefService;
  readonly logger: Logger;
  readonly clock: () => Date;
}

export type OptionValue = string | number | boolean;

/** Low-level replies for a command or a component; implemented by the client and the console. */
export interface Responder {
  reply(message: OutgoingMessage): Promise<void>;
  /** Acknowledge now, answer later (shows "thinking..."). */
  defer(ephemeral: boolean): Promise<void>;
  /** Replace the deferred or sent reply. */
  edit(message: OutgoingMessage): Promise<void>;
  followUp(message: OutgoingMessage): Promise<void>;
  deleteReply(): Promise<void>;
  /** Components only: replace the message the button sits on. */
  update?(message: OutgoingMessage): Promise<void>;
  /** Components only: acknowledge now, edit the message the button sits on later. */
  deferUpdate?(): Promise<void>;
}

/**
 * The subcommand invoked (`/digest subscribe` -> 'subscribe') and its group, when the command has
 * them. Absent or null for commands without subcommands; their options are then flattened into
 * `options`, as if they were top-level.
 */
export interface Invoked {
  readonly subcommandGroup?: string | null;
  readonly subcommand?: string | null;
}

export interface ChatInputEvent extends Invoked {
  readonly kind: 'chat-input';
  readonly commandName: string;
  readonly options: Readonly<Record<string, OptionValue>>;
  readonly actor: Actor;
  readonly responder: Responder;
}

export interface AutocompleteEvent extends Invoked {
  readonly kind: 'autocomplete';
  readonly commandName: string;
  readonly focused: { readonly name: string; readonly value: string };
  readonly options: Readonly<Record<string, OptionValue>>;
  readonly actor: Actor;
  respond(choices: readonly Choice[]): Promise<void>;
}

export interface ComponentEvent {
  readonly kind: 'component';
  /** `<command>:<action>:...`; the part before the first colon picks the command. */
  readonly customId: string;
  /** Selected values for select menus; empty for buttons. */
  readonly values: readonly string[];
  readonly actor: Actor;
  readonly responder: Responder & { update(message: OutgoingMessage): Promise<void> };
}

export type InteractionEvent = ChatInputEvent | AutocompleteEvent | ComponentEvent;

/** What a command's execute() sees. reply() after a deferral edits the deferred reply. */
export interface CommandContext {
  readonly commandName: string;
  readonly actor: Actor;
  readonly help: readonly HelpEntry[];
  /** The invoked subcommand, e.g. 'subscribe' for `/digest subscribe`; null when there is none. */
  subcommand(): string | null;
  subcommandGroup(): string | null;
  string(name: string): string | null;
  integer(name: string): number | null;
  boolean(name: string): boolean | null;
  reply(message: OutgoingMessage): Promise<void>;
  defer(ephemeral?: boolean): Promise<void>;
  followUp(message: OutgoingMessage): Promise<void>;
}

export interface AutocompleteContext {
  readonly commandName: string;
  readonly actor: Actor;
  readonly focused: { readonly name: string; readonly value: string };
  subcommand(): string | null;
  subcommandGroup(): string | null;
  string(name: string): string | null;
  respond(choices: readonly Choice[]): Promise<void>;
}

export interface ComponentContext {
  readonly customId: string;
  readonly values: readonly string[];
  readonly actor: Actor;
  /** Replace the message the component is on (pagination). */
  update(message: OutgoingMessage): Promise<void>;
  /** Acknowledge before slow work; a later update() edits the message. */
  deferUpdate(): Promise<void>;
  reply(message: OutgoingMessage): Promise<void>;
}

/** One slash command, in the style of discord.js's TypeScript template. */
export interface Command {
  readonly data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** Checked before execute and component handlers. */
  readonly guards?: readonly Guard[];
  /** Defer at once (for work that may be slow, such as a large search) instead of after the timer. */
  readonly deferFirst?: boolean;
  execute(context: CommandContext, deps: BotDeps): Promise<void>;
  autocomplete?(context: AutocompleteContext, deps: BotDeps): Promise<void>;
  component?(context: ComponentContext, deps: BotDeps): Promise<void>;
}

export interface RouterOptions {
  /** Defer automatically when a handler has not answered by then (Discord allows 3 s). */
  readonly deferAfterMs?: number;
}

export interface Router {
  readonly commands: readonly Command[];
  handle(event: InteractionEvent): Promise<void>;
  definitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[];
}

export const friendlyError = 'Sorry, something went wrong while handling that. Please try again in a moment.';

/**
 * Serialises a responder's calls and remembers its state, so reply() becomes edit() after a
 * deferral (including one made by the timer while the handler was still working).
 */
class TrackedResponder {
  #state: 'fresh' | 'deferred' | 'replied' = 'fresh';
  #deferredEphemeral = false;
  /** A deferred update acknowledges a component without a reply of its own. */
  #deferredUpdate = false;
  #chain: Promise<void> = Promise.resolve();

  constructor(private readonly responder: Responder) {}

  get answered(): boolean {
    return this.#state !== 'fresh';
  }

  #queue(operation: () => Promise<void>): Promise<void> {
    const next = this.#chain.catch(() => undefined).then(operation);
    this.#chain = next;
    return next;
  }

  defer(ephemeral: boolean): Promise<void> {
    return this.#queue(async () => {
      if (this.#state !== 'fresh') return;
      await this.responder.defer(ephemeral);
      this.#state = 'deferred';
      this.#deferredEphemeral = ephemeral;
    });
  }

  deferUpdate(): Promise<void> {
    return this.#queue(async () => {
      if (this.#state !== 'fresh') return;
      if (this.responder.deferUpdate) {
        await this.responder.deferUpdate();
        this.#deferredUpdate = true;
      } else {
        await this.responder.defer(false);
      }
      this.#state = 'deferred';
    });
  }

  reply(message: OutgoingMessage): Promise<void> {
    return this.#queue(async () => {
      if (this.#state === 'fresh') {
        await this.responder.reply(message);
      } else if (this.#state === 'deferred' && this.#deferredUpdate) {
        await this.responder.followUp(message);
      } else if (this.#state === 'deferred') {
        if (message.ephemeral === true && !this.#deferredEphemeral) {
          // A public "thinking..." cannot turn private: replace it with a private follow-up.
          await this.responder.deleteReply();
          await this.responder.followUp(message);
        } else {
          await this.responder.edit(message);
        }
      } else {
        await this.responder.followUp(message);
      }
      this.#state = 'replied';
    });
  }

  followUp(message: OutgoingMessage): Promise<void> {
    return this.#queue(async () => {
      if (this.#state === 'fresh') await this.responder.reply(message);
      else await this.responder.followUp(message);
      this.#state = 'replied';
    });
  }

  update(message: OutgoingMessage): Promise<void> {
    return this.#queue(async () => {
      if (this.#state === 'fresh' && this.responder.update) await this.responder.update(message);
      else if (this.#state === 'fresh') await this.responder.reply(message);
      else await this.responder.edit(message);
      this.#state = 'replied';
    });
  }

  settled(): Promise<void> {
    return this.#chain.catch(() => undefined);
  }
}

function optionReader(options: Readonly<Record<string, OptionValue>>, invoked: Invoked) {
  return {
    subcommand: (): string | null => invoked.subcommand ?? null,
    subcommandGroup: (): string | null => invoked.subcommandGroup ?? null,
    string: (name: string): string | null => {
      const value = options[name];
      return value === undefined ? null : String(value);
    },
    integer: (name: string): number | null => {
      const value = options[name];
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
      return Number.isInteger(n) ? n : null;
    },
    boolean: (name: string): boolean | null => {
      const value = options[name];
      return typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : null;
    },
  };
}

interface OptionShape {
  readonly name: string;
  readonly description: string;
  readonly type: number;
  readonly required?: boolean;
  readonly options?: readonly OptionShape[];
}

/** Discord's option types for a subcommand and a subcommand group. */
export const optionTypes = { subcommand: 1, subcommandGroup: 2 } as const;

export const isSubcommandLike = (option: { readonly type: number }): boolean =>
  option.type === optionTypes.subcommand || option.type === optionTypes.subcommandGroup;

/** One line per runnable form: the command itself, or each of its (grouped) subcommands. */
function usageEntries(path: readonly string[], description: string, options: readonly OptionShape[]): HelpEntry[] {
  const nested = options.filter(isSubcommandLike);
  if (nested.length > 0) {
    return nested.flatMap((option) => usageEntries([...path, option.name], option.description, option.options ?? []));
  }
  const usage = [...path, ...options.map((o) => (o.required ? `${o.name}:<…>` : `[${o.name}:<…>]`))].join(' ');
  return [{ usage, description }];
}

/** Usage lines for /help, built from the definitions so they never drift. */
export function helpEntries(definitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[]): HelpEntry[] {
  return definitions.flatMap((definition) =>
    usageEntries([`/${definition.name}`], definition.description, (definition.options ?? []) as readonly OptionShape[]),
  );
}

export function createRouter(commands: readonly Command[], deps: BotDeps, options: RouterOptions = {}): Router {
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  if (byName.size !== commands.length) throw new Error('two commands share a name');
  const deferAfterMs = options.deferAfterMs ?? 2000;
  const definitions = (): RESTPostAPIChatInputApplicationCommandsJSONBody[] => commands.map((c) => c.data.toJSON());
  const help = helpEntries(definitions());
  const { logger } = deps;

  const context = (event: InteractionEvent, extra: Record<string, unknown> = {}) => ({
    userId: event.actor.userId,
    guildId: event.actor.guildId,
    ...extra,
  });

  async function handleChatInput(event: ChatInputEvent): Promise<void> {
    const tracked = new TrackedResponder(event.responder);
    const command = byName.get(event.commandName);
    const logContext = context(event, { command: event.commandName });
    try {
      if (!command) {
        await tracked.reply(ephemeralText('That command is not known to this bot version. Try /help.'));
        return;
      }
      const verdict = checkGuards(command.guards ?? [], event.actor);
      if (!verdict.ok) {
        await tracked.reply(ephemeralText(verdict.reason));
        return;
      }
      if (command.deferFirst) await tracked.defer(false);
      const timer = setTimeout(() => {
        tracked.defer(false).catch((error: unknown) => logger.warn('automatic deferral failed', { ...logContext, error }));
      }, deferAfterMs);
      timer.unref?.();
      try {
        await command.execute(
          {
            commandName: event.commandName,
            actor: event.actor,
            help,
            ...optionReader(event.options, event),
            reply: (message) => tracked.reply(message),
            defer: (ephemeral = false) => tracked.defer(ephemeral),
            followUp: (message) => tracked.followUp(message),
          },
          deps,
        );
      } finally {
        clearTimeout(timer);
      }
      await tracked.settled();
      if (!tracked.answered) logger.warn('command finished without replying', logContext);
    } catch (error) {
      logger.error('command failed', { ...logContext, error });
      await tracked.reply(ephemeralText(friendlyError)).catch((replyError: unknown) => {
        logger.error('could not report a failure to the user', { ...logContext, error: replyError });
      });
    }
  }

  async function handleAutocomplete(event: AutocompleteEvent): Promise<void> {
    let responded = false;
    const respond = async (choices: readonly Choice[]): Promise<void> => {
      if (responded) return;
      responded = true;
      await event.respond(choices);
    };
    const command = byName.get(event.commandName);
    try {
      if (!command?.autocomplete || !checkGuards(command.guards ?? [], event.actor).ok) {
        await respond([]);
        return;
      }
      await command.autocomplete(
        { commandName: event.commandName, actor: event.actor, focused: event.focused, ...optionReader(event.options, event), respond },
        deps,
      );
      if (!responded) await respond([]);
    } catch (error) {
      logger.error('autocomplete failed', context(event, { command: event.commandName, error }));
      if (!responded) await respond([]).catch(() => undefined);
    }
  }

  async function handleComponent(event: ComponentEvent): Promise<void> {
    const tracked = new TrackedResponder(event.responder);
    const commandName = event.customId.split(':', 1)[0] ?? '';
    const command = byName.get(commandName);
    const logContext = context(event, { command: commandName, customId: event.customId });
    try {
      if (!command?.component) {
        await tracked.reply(ephemeralText('This button no longer works. Run the command again.'));
        return;
      }
      const verdict = checkGuards(command.guards ?? [], event.actor);
      if (!verdict.ok) {
        await tracked.reply(ephemeralText(verdict.reason));
        return;
      }
      await command.component(
        {
          customId: event.customId,
          values: event.values,
          actor: event.actor,
          update: (message) => tracked.update(message),
          deferUpdate: () => tracked.deferUpdate(),
          reply: (message) => tracked.reply(message),
        },
        deps,
      );
      await tracked.settled();
    } catch (error) {
      logger.error('component failed', { ...logContext, error });
      await tracked.followUp(ephemeralText(friendlyError)).catch(() => undefined);
    }
  }

  return {
    commands,
    definitions,
    async handle(event) {
      switch (event.kind) {
        case 'chat-input':
          return handleChatInput(event);
        case 'autocomplete':
          return handleAutocomplete(event);
        case 'component':
          return handleComponent(event);
      }
    },
  };
}
