/**
 * Injected interactions and the bot's answers to them: the callback (within the deadline, once),
 * then @original edits and followups through the interaction webhook, as Discord enforces them.
 */
import { InteractionResponseType, MessageFlags } from 'discord.js';
import type { Json } from './payloads.ts';
import { discordError, json, knownErrors, noContent } from './reply.ts';
import type { RestReply } from './reply.ts';
import type { FakeStore } from './store.ts';
import type { FakeUserSpec, InteractionEventKind, InteractionOutcome, RecordedMessage, SettleOptions } from './types.ts';
import { validateChoices, validateMessage } from './validate.ts';

export interface TrackedInteraction {
  readonly outcome: InteractionOutcome;
  readonly dispatchedAt: number;
  readonly deadlineAt: number;
  readonly guildId: string | null;
  readonly channelId: string;
  readonly user: FakeUserSpec;
  readonly componentMessage: RecordedMessage | null;
  readonly listeners: Set<() => void>;
}

export interface NewInteraction {
  readonly id: string;
  readonly token: string;
  readonly type: number;
  readonly guildId: string | null;
  readonly channelId: string;
  readonly user: FakeUserSpec;
  readonly componentMessage: RecordedMessage | null;
}

/** Renders a stored message the way Discord returns it for this interaction. */
export type RenderMessage = (message: RecordedMessage, interaction: TrackedInteraction) => Json;

type Body = Record<string, unknown>;

function asBody(value: unknown): Body {
  return typeof value === 'object' && value !== null ? (value as Body) : {};
}

const componentTypes = new Set([3, 5]);
const loadingFlag = MessageFlags.Loading as number;
const ephemeralFlag = MessageFlags.Ephemeral as number;

export class InteractionTracker {
  private readonly byId = new Map<string, TrackedInteraction>();
  private readonly byToken = new Map<string, TrackedInteraction>();
  readonly outcomes: InteractionOutcome[] = [];

  constructor(
    private readonly store: FakeStore,
    private readonly render: RenderMessage,
    private readonly deadlineMs: number,
  ) {}

  register(init: NewInteraction): TrackedInteraction {
    const outcome: InteractionOutcome = {
      id: init.id,
      token: init.token,
      type: init.type,
      callback: null,
      lateCallbacks: 0,
      ephemeral: false,
      original: null,
      followups: [],
      choices: null,
      modal: undefined,
      events: [],
    };
    const now = Date.now();
    const tracked: TrackedInteraction = {
      outcome,
      dispatchedAt: now,
      deadlineAt: now + this.deadlineMs,
      guildId: init.guildId,
      channelId: init.channelId,
      user: init.user,
      componentMessage: init.componentMessage,
      listeners: new Set(),
    };
    this.byId.set(init.id, tracked);
    this.byToken.set(init.token, tracked);
    this.outcomes.push(outcome);
    return tracked;
  }

  /** POST /interactions/:id/:token/callback */
  callback(id: string, token: string, body: unknown, query: URLSearchParams, hasFiles: boolean): RestReply {
    const tracked = this.byId.get(id);
    if (!tracked || tracked.outcome.token !== token) return knownErrors.unknownInteraction();
    const outcome = tracked.outcome;
    const reply = this.acknowledge(tracked, asBody(body), hasFiles);
    this.record(tracked, 'callback', body, reply.status);
    if (reply.status >= 300 || !outcome.callback) return reply;
    if (query.get('with_response') !== 'true') return noContent;
    const message = outcome.original;
    return json({
      interaction: {
        id,
        type: outcome.type,
        activity_instance_id: null,
        response_message_id: message?.id ?? null,
        response_message_loading: message ? (message.flags & loadingFlag) !== 0 : false,
        response_message_ephemeral: outcome.ephemeral,
      },
      resource: { type: outcome.callback.type, ...(message ? { message: this.render(message, tracked) } : {}) },
    });
  }

  private acknowledge(tracked: TrackedInteraction, body: Body, hasFiles: boolean): RestReply {
    const outcome = tracked.outcome;
    const now = Date.now();
    if (outcome.callback) return knownErrors.alreadyAcknowledged();
    if (now > tracked.deadlineAt) {
      outcome.lateCallbacks += 1;
      return knownErrors.unknownInteraction();
    }
    const type = body['type'];
    const data = asBody(body['data']);
    const flags = typeof data['flags'] === 'number' ? data['flags'] : 0;
    const isComponent = componentTypes.has(outcome.type);
    const wrongType = discordError(400, 50035, 'Invalid Form Body');
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource: {
        if (outcome.type === 4) return wrongType;
        const invalid = validateMessage(data, hasFiles);
        if (invalid) return invalid;
        outcome.original = this.store.createMessage(tracked.channelId, tracked.guildId, 'interaction', data, outcome.id);
        break;
      }
      case InteractionResponseType.DeferredChannelMessageWithSource:
        if (outcome.type === 4) return wrongType;
        outcome.original = this.store.createMessage(tracked.channelId, tracked.guildId, 'interaction', { content: '', flags }, outcome.id, loadingFlag);
        break;
      case InteractionResponseType.DeferredMessageUpdate:
        if (!isComponent || !tracked.componentMessage) return wrongType;
        outcome.original = tracked.componentMessage;
        break;
      case InteractionResponseType.UpdateMessage: {
        const target = tracked.componentMessage;
        if (!isComponent || !target) return wrongType;
        const invalid = validateMessage(this.store.mergedShape(target, data), hasFiles);
        if (invalid) return invalid;
        this.store.applyEdit(target, data);
        outcome.original = target;
        break;
      }
      case InteractionResponseType.ApplicationCommandAutocompleteResult: {
        if (outcome.type !== 4) return wrongType;
        const invalid = validateChoices(data['choices']);
        if (invalid) return invalid;
        outcome.choices = Array.isArray(data['choices']) ? (data['choices'] as InteractionOutcome['choices']) : [];
        break;
      }
      case InteractionResponseType.Modal:
        if (outcome.type === 4 || outcome.type === 5) return wrongType;
        outcome.modal = data;
        break;
      default:
        return wrongType;
    }
    outcome.callback = { type: type as number, data: body['data'], latencyMs: now - tracked.dispatchedAt };
    outcome.ephemeral = (flags & ephemeralFlag) !== 0;
    return noContent;
  }

  /** Routes under /webhooks/:applicationId/:token — followups and @original. */
  webhook(token: string, method: string, messageId: string | null, body: unknown, query: URLSearchParams, hasFiles: boolean): RestReply {
    const tracked = this.byToken.get(token);
    if (!tracked || !tracked.outcome.callback) return knownErrors.unknownWebhook();
    const outcome = tracked.outcome;
    if (messageId === null) {
      if (method !== 'POST') return knownErrors.notFound();
      const invalid = validateMessage(asBody(body), hasFiles);
      if (invalid) return this.recorded(tracked, 'followup', body, invalid);
      const message = this.store.createMessage(tracked.channelId, tracked.guildId, 'interaction', body, outcome.id);
      outcome.followups.push(message);
      const reply = query.get('wait') === 'true' ? json(this.render(message, tracked)) : noContent;
      return this.recorded(tracked, 'followup', body, reply);
    }
    const isOriginal = messageId === '@original';
    const target = isOriginal ? outcome.original : (outcome.followups.find((m) => m.id === messageId) ?? null);
    if (!target || target.deleted) return knownErrors.unknownMessage();
    switch (method) {
      case 'GET':
        return json(this.render(target, tracked));
      case 'PATCH': {
        const kind = isOriginal ? 'edit-original' : 'edit-followup';
        const invalid = validateMessage(this.store.mergedShape(target, body), hasFiles);
        if (invalid) return this.recorded(tracked, kind, body, invalid);
        this.store.applyEdit(target, body, loadingFlag);
        return this.recorded(tracked, kind, body, json(this.render(target, tracked)));
      }
      case 'DELETE':
        target.deleted = true;
        return this.recorded(tracked, isOriginal ? 'delete-original' : 'delete-followup', body, noContent);
      default:
        return knownErrors.notFound();
    }
  }

  /**
   * Resolves once the bot's answer settles: a callback arrived and then nothing more for `settleMs`
   * (after a deferral, at least one edit or followup must have arrived first).
   */
  settle(tracked: TrackedInteraction, options: SettleOptions & { readonly needs?: 'response' | 'choices' }): Promise<InteractionOutcome> {
    const settleMs = options.settleMs ?? 60;
    const timeoutMs = options.timeoutMs ?? 5000;
    const outcome = tracked.outcome;
    return new Promise((resolve, reject) => {
      let quiet: NodeJS.Timeout | undefined;
      const finish = (error?: Error): void => {
        clearTimeout(quiet);
        clearTimeout(giveUp);
        clearTimeout(deadline);
        tracked.listeners.delete(check);
        if (error) reject(error);
        else resolve(outcome);
      };
      const giveUp = setTimeout(() => finish(new Error(`Interaction ${outcome.id} did not settle within ${timeoutMs} ms; ${describe(outcome)}`)), timeoutMs);
      const deadline = setTimeout(() => {
        if (!outcome.callback) finish(new Error(`The bot did not acknowledge interaction ${outcome.id} within ${this.deadlineMs} ms (Discord shows "The application did not respond"); ${describe(outcome)}`));
      }, Math.max(0, tracked.deadlineAt - Date.now()) + 5);
      const check = (): void => {
        if (options.until) {
          if (options.until(outcome)) finish();
          return;
        }
        if (!outcome.callback) return;
        if (options.needs === 'choices') {
          finish();
          return;
        }
        const deferred = outcome.callback.type === 5 || outcome.callback.type === 6;
        if (deferred && !outcome.events.some((event) => event.kind !== 'callback')) return;
        clearTimeout(quiet);
        quiet = setTimeout(() => finish(), settleMs);
      };
      tracked.listeners.add(check);
      check();
    });
  }

  private recorded(tracked: TrackedInteraction, kind: InteractionEventKind, body: unknown, reply: RestReply): RestReply {
    this.record(tracked, kind, body, reply.status);
    return reply;
  }

  private record(tracked: TrackedInteraction, kind: InteractionEventKind, body: unknown, status: number): void {
    tracked.outcome.events.push({ kind, atMs: Date.now() - tracked.dispatchedAt, body, status });
    for (const listener of [...tracked.listeners]) listener();
  }
}

function describe(outcome: InteractionOutcome): string {
  if (outcome.events.length === 0) return 'no response received';
  return `received: ${outcome.events.map((e) => `${e.kind} (${e.status}) at ${e.atMs} ms`).join(', ')}`;
}
