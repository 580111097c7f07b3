/**
 * FakeDiscord: a loopback Discord (REST v10 + gateway) that an unmodified discord.js v14 client logs in to.
 * Tests inject interactions and read back what the bot answered; see README.md.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { APIApplicationCommandOptionChoice } from 'discord.js';
import { FakeGateway } from './gateway.ts';
import type { IdentifyRecord } from './gateway.ts';
import { InteractionTracker } from './interactions.ts';
import type { TrackedInteraction } from './interactions.ts';
import {
  channelPayload,
  defaultBotPermissions,
  defaultEveryonePermissions,
  defaultTestUser,
  dmChannelPayload,
  guildPayload,
  memberPayload,
  messagePayload,
  permissionString,
  userPayload,
} from './payloads.ts';
import type { Json } from './payloads.ts';
import { createRestHandler } from './rest.ts';
import type { Faults } from './rest.ts';
import { nextSnowflake } from './snowflake.ts';
import { FakeStore } from './store.ts';
import type {
  AutocompleteInvocation,
  ChannelFailure,
  CommandInvocation,
  ComponentInvocation,
  FakeDiscordOptions,
  FakeGuildSpec,
  FakeUserSpec,
  InteractionOutcome,
  InteractionUserOptions,
  RateLimitOptions,
  FaultOptions,
  RecordedMessage,
  RecordedRequest,
  RegisteredCommands,
  SelectInvocation,
} from './types.ts';

const defaultApplicationId = '900000000000000001';

export class FakeDiscord {
  /** Base URL for discord.js: `new Client({ rest: { api: discord.apiBase } })`. */
  readonly apiBase: string;
  /** The gateway URL that GET /gateway/bot hands out. */
  readonly gatewayUrl: string;
  readonly applicationId: string;
  readonly botUser: FakeUserSpec;
  /** Every REST request, in arrival order (Authorization header removed). */
  readonly requests: RecordedRequest[];
  /** `METHOD /path` of requests no route matched (answered 404); also logged. */
  readonly unknownRoutes: string[];

  private constructor(
    private readonly server: Server,
    private readonly gateway: FakeGateway,
    private readonly store: FakeStore,
    private readonly tracker: InteractionTracker,
    private readonly faults: Faults,
    state: { apiBase: string; gatewayUrl: string; applicationId: string; botUser: FakeUserSpec; requests: RecordedRequest[]; unknownRoutes: string[] },
  ) {
    this.apiBase = state.apiBase;
    this.gatewayUrl = state.gatewayUrl;
    this.applicationId = state.applicationId;
    this.botUser = state.botUser;
    this.requests = state.requests;
    this.unknownRoutes = state.unknownRoutes;
  }

  static async start(options: FakeDiscordOptions): Promise<FakeDiscord> {
    const applicationId = options.applicationId ?? defaultApplicationId;
    const botUser: FakeUserSpec = {
      id: options.botUser?.id ?? applicationId,
      username: options.botUser?.username ?? 'Briefbot',
      bot: true,
      ...(options.botUser?.globalName === undefined ? {} : { globalName: options.botUser.globalName }),
    };
    const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    const joinedAt = Date.now();
    const store = new FakeStore();
    for (const guild of options.guilds ?? []) store.addGuild(guild);
    const render = (message: RecordedMessage, tracked: TrackedInteraction): Json =>
      messagePayload(message, {
        author: botUser,
        applicationId,
        interaction: { id: tracked.outcome.id, type: tracked.outcome.type, user: tracked.user },
      });
    const tracker = new InteractionTracker(store, render, options.interactionDeadlineMs ?? 3000);
    const faults: Faults = { rateLimits: [], serverErrors: [], channelFailures: new Map() };
    const requests: RecordedRequest[] = [];
    const unknownRoutes: string[] = [];
    let gatewayUrl = '';
    const gateway = new FakeGateway({
      token: options.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1000,
      log,
      readyPayload: (sessionId) => ({
        v: 10,
        user: { ...userPayload(botUser), verified: true, mfa_enabled: false },
        guilds: [...store.guilds.keys()].map((id) => ({ id, unavailable: true })),
        session_id: sessionId,
        resume_gateway_url: gatewayUrl,
        shard: [0, 1],
        application: { id: applicationId, flags: 0 },
        private_channels: [],
        relationships: [],
        presences: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
        user_settings: {},
      }),
      guildCreates: () => [...store.guilds.values()].map((guild) => guildPayload(guild, botUser, joinedAt)),
    });
    const server = createServer(
      createRestHandler({
        token: options.token,
        applicationId,
        bot: botUser,
        store,
        interactions: tracker,
        faults,
        requests,
        unknownRoutes,
        joinedAt,
        gatewayUrl: () => gatewayUrl,
        log,
      }),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    gatewayUrl = `ws://127.0.0.1:${port}/gateway`;
    gateway.attach(server, gatewayUrl);
    return new FakeDiscord(server, gateway, store, tracker, faults, {
      apiBase: `http://127.0.0.1:${port}/api`,
      gatewayUrl,
      applicationId,
      botUser,
      requests,
      unknownRoutes,
    });
  }

  // ---- gateway ------------------------------------------------------------------------------

  /**
   * Resolves once `sessions` clients (default 1) are connected with live sessions (identified or resumed).
   * READY and GUILD_CREATE have been sent by then; discord.js queues later events until it is ready.
   */
  async waitForReady(options: { readonly sessions?: number; readonly timeoutMs?: number } = {}): Promise<void> {
    const wanted = options.sessions ?? 1;
    const timeoutMs = options.timeoutMs ?? 10_000;
    const started = Date.now();
    while (this.gateway.connectedCount() < wanted) {
      const left = timeoutMs - (Date.now() - started);
      if (left <= 0) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${wanted} connected client(s) (have ${this.gateway.connectedCount()})`);
      await this.waitForGatewayEvent(['ready', 'resumed'], left, 'a client to identify');
    }
  }

  /** Number of clients connected to the gateway right now. */
  get connectedSessions(): number {
    return this.gateway.connectedCount();
  }

  /** Resolves once the gateway has seen `count` resumes in total (default: one more than at the last drop). */
  async waitForResume(count = this.resumesAtLastDrop + 1, timeoutMs = 10_000): Promise<void> {
    const started = Date.now();
    while (this.gateway.resumes < count) {
      const left = timeoutMs - (Date.now() - started);
      if (left <= 0) throw new Error(`No RESUME within ${timeoutMs} ms (resumes: ${this.gateway.resumes}, wanted ${count})`);
      await this.waitForGatewayEvent(['resumed'], left, 'a RESUME');
    }
  }

  /** IDENTIFY payloads received (intents, shard, properties; never the token). */
  get identifies(): readonly IdentifyRecord[] {
    return this.gateway.identifies;
  }

  get resumes(): number {
    return this.gateway.resumes;
  }

  get heartbeats(): number {
    return this.gateway.heartbeats;
  }

  /** Close codes clients used when they closed their gateway sockets themselves. */
  get clientCloseCodes(): readonly number[] {
    return this.gateway.clientCloseCodes;
  }

  private resumesAtLastDrop = 0;

  /** Closes every gateway socket with `closeCode` (4000: the client resumes; 1000: it identifies anew). */
  async dropConnections(closeCode = 4000): Promise<void> {
    this.resumesAtLastDrop = this.gateway.resumes;
    await this.gateway.dropConnections(closeCode);
  }

  /** Sends op 9 INVALID_SESSION to every client. */
  invalidateSession(resumable = false): void {
    this.resumesAtLastDrop = this.gateway.resumes;
    this.gateway.invalidateSessions(resumable);
  }

  /** Sends op 7 RECONNECT to every client (they reconnect and resume). */
  requestReconnect(): void {
    this.resumesAtLastDrop = this.gateway.resumes;
    this.gateway.requestReconnect();
  }

  /** Sends any dispatch event (raw `d`) to every session. */
  dispatch(event: string, data: unknown): void {
    this.gateway.dispatch(event, data);
  }

  /** Adds a guild and announces it with GUILD_CREATE (the bot joined a server). */
  addGuild(guild: FakeGuildSpec): void {
    this.store.addGuild(guild);
    this.gateway.dispatch('GUILD_CREATE', guildPayload(guild, this.botUser, Date.now()));
  }

  /** Removes a guild and announces GUILD_DELETE (the bot was kicked). */
  removeGuild(guildId: string): void {
    this.store.removeGuild(guildId);
    this.gateway.dispatch('GUILD_DELETE', { id: guildId });
  }

  // ---- REST state ---------------------------------------------------------------------------

  /** Commands stored by PUT/POST for the application (global) or for one guild. */
  registeredCommands(guildId?: string): RegisteredCommands {
    return this.store.commands(guildId ?? null);
  }

  /** Live messages posted with POST /channels/:id/messages (current state after edits; deleted ones left out). */
  messages(channelId: string): RecordedMessage[] {
    return this.store.channelMessages(channelId);
  }

  /** Any stored message (channel post, reply or followup) by id. */
  message(messageId: string): RecordedMessage | undefined {
    return this.store.messages.get(messageId);
  }

  /** Every interaction injected so far, with what the bot answered. */
  get interactions(): readonly InteractionOutcome[] {
    return this.tracker.outcomes;
  }

  /** Makes every request under /channels/:id fail (`null` clears), e.g. `{ status: 403, code: 50013 }`. */
  failChannel(channelId: string, failure: ChannelFailure | null): void {
    if (failure === null) this.faults.channelFailures.delete(channelId);
    else this.faults.channelFailures.set(channelId, failure);
  }

  /** The next `count` matching requests get 429 with retry_after and X-RateLimit headers. */
  rateLimitNext(count = 1, options: RateLimitOptions = {}): void {
    for (let i = 0; i < count; i += 1) {
      this.faults.rateLimits.push({
        retryAfterSeconds: options.retryAfterSeconds ?? 0.05,
        global: options.global ?? false,
        ...(options.match ? { match: options.match } : {}),
      });
    }
  }

  /** The next `count` matching requests get a 5xx (500 by default). discord.js retries 5xx up to 3 times. */
  failNext5xx(count = 1, options: FaultOptions & { readonly status?: number } = {}): void {
    for (let i = 0; i < count; i += 1) {
      this.faults.serverErrors.push({ status: options.status ?? 500, ...(options.match ? { match: options.match } : {}) });
    }
  }

  // ---- interactions -------------------------------------------------------------------------

  /** Injects a chat-input command (INTERACTION_CREATE type 2); resolves with the settled answer. */
  async sendCommand(invocation: CommandInvocation): Promise<InteractionOutcome> {
    const where = this.resolveWhere(invocation);
    const data = {
      ...this.commandData(invocation, where.guildId),
      ...(invocation.options ? { options: invocation.options } : {}),
      ...(invocation.resolved ? { resolved: invocation.resolved } : {}),
    };
    const tracked = this.inject(2, data, invocation, where, null);
    return this.tracker.settle(tracked, invocation);
  }

  /** Injects an autocomplete interaction (type 4); resolves with the choices the bot responded with. */
  async sendAutocomplete(invocation: AutocompleteInvocation): Promise<APIApplicationCommandOptionChoice[]> {
    const where = this.resolveWhere(invocation);
    const data = { ...this.commandData(invocation, where.guildId), options: invocation.options };
    const tracked = this.inject(4, data, invocation, where, null);
    const outcome = await this.tracker.settle(tracked, { needs: 'choices', timeoutMs: invocation.timeoutMs ?? 5000 });
    if (outcome.choices === null) throw new Error(`Autocomplete answered with callback type ${outcome.callback?.type} instead of 8`);
    return outcome.choices;
  }

  /** The interaction's command fields: the registered command's id and scope when there is one. */
  private commandData(invocation: { readonly name: string; readonly commandId?: string }, guildId: string | null): Record<string, unknown> {
    const command = this.store.findCommand(invocation.name, guildId);
    return {
      id: invocation.commandId ?? command?.id ?? nextSnowflake(),
      name: invocation.name,
      type: 1,
      ...(command?.guild_id === undefined ? {} : { guild_id: command.guild_id }),
    };
  }

  /** Injects a button click (type 3, component_type 2) on a stored message. */
  async clickButton(invocation: ComponentInvocation): Promise<InteractionOutcome> {
    return this.sendComponent(invocation, { custom_id: invocation.customId, component_type: 2 });
  }

  /** Injects a string-select choice (type 3, component_type 3) on a stored message. */
  async selectMenu(invocation: SelectInvocation): Promise<InteractionOutcome> {
    return this.sendComponent(invocation, { custom_id: invocation.customId, component_type: 3, values: [...invocation.values] });
  }

  private async sendComponent(invocation: ComponentInvocation, data: Json): Promise<InteractionOutcome> {
    const message = this.store.messages.get(invocation.messageId);
    if (!message) throw new Error(`clickButton/selectMenu: no stored message ${invocation.messageId}`);
    const where = this.resolveWhere({ guildId: message.guildId, channelId: message.channelId, ...withoutPlace(invocation) });
    const tracked = this.inject(3, data, invocation, where, message);
    return this.tracker.settle(tracked, invocation);
  }

  private resolveWhere(options: InteractionUserOptions): { guildId: string | null; channelId: string; user: FakeUserSpec } {
    const user = options.user ?? defaultTestUser;
    const firstGuild = this.store.guilds.keys().next().value;
    const guildId = options.guildId === undefined ? (firstGuild ?? null) : options.guildId;
    if (guildId === null) return { guildId, channelId: options.channelId ?? dmChannelId(user), user };
    if (!this.store.guilds.has(guildId)) throw new Error(`Unknown guild ${guildId} (add it to FakeDiscord.start({ guilds }))`);
    const channelId = options.channelId ?? this.store.firstTextChannel(guildId);
    if (!channelId || this.store.channels.get(channelId)?.guildId !== guildId) {
      throw new Error(`Guild ${guildId} has no channel ${channelId ?? '(no text channel)'}`);
    }
    return { guildId, channelId, user };
  }

  private inject(
    type: number,
    data: Json,
    options: InteractionUserOptions,
    where: { guildId: string | null; channelId: string; user: FakeUserSpec },
    componentMessage: RecordedMessage | null,
  ): TrackedInteraction {
    if (!this.gateway.hasSession()) throw new Error('No bot session on the fake gateway; await discord.waitForReady() first');
    const id = nextSnowflake();
    const token = `fake-interaction-${randomBytes(24).toString('base64url')}`;
    const tracked = this.tracker.register({ id, token, type, guildId: where.guildId, channelId: where.channelId, user: where.user, componentMessage });
    this.gateway.dispatchToOne('INTERACTION_CREATE', this.interactionPayload(id, token, type, data, options, where, componentMessage));
    return tracked;
  }

  private interactionPayload(
    id: string,
    token: string,
    type: number,
    data: Json,
    options: InteractionUserOptions,
    where: { guildId: string | null; channelId: string; user: FakeUserSpec },
    componentMessage: RecordedMessage | null,
  ): Json {
    const base: Json = {
      id,
      application_id: this.applicationId,
      type,
      data,
      token,
      version: 1,
      locale: options.locale ?? 'en-US',
      entitlements: [],
      attachment_size_limit: 10_485_760,
      ...(componentMessage ? { message: messagePayload(componentMessage, { author: this.botUser, applicationId: this.applicationId }) } : {}),
    };
    const { guildId, channelId, user } = where;
    if (guildId === null) {
      return {
        ...base,
        channel: dmChannelPayload(channelId, user),
        channel_id: channelId,
        user: userPayload(user),
        app_permissions: permissionString(options.appPermissions, defaultBotPermissions),
        authorizing_integration_owners: { '0': this.applicationId },
        context: 1,
      };
    }
    const guild = this.store.guilds.get(guildId) as FakeGuildSpec;
    const channel = this.store.channels.get(channelId);
    const everyone = BigInt(permissionString(guild.everyonePermissions, defaultEveryonePermissions));
    return {
      ...base,
      guild_id: guildId,
      guild: { id: guildId, locale: guild.preferredLocale ?? 'en-US', features: [] },
      guild_locale: guild.preferredLocale ?? 'en-US',
      channel: channel ? channelPayload(guildId, channel.spec, channel.position) : undefined,
      channel_id: channelId,
      member: {
        ...memberPayload({ user, roles: options.memberRoles ?? [] }, Date.now()),
        permissions: permissionString(options.memberPermissions, everyone),
      },
      app_permissions: permissionString(options.appPermissions, BigInt(permissionString(guild.botPermissions, defaultBotPermissions | everyone))),
      authorizing_integration_owners: { '0': guildId },
      context: 0,
    };
  }

  private async waitForGatewayEvent(events: string[], timeoutMs: number, what: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        for (const event of events) this.gateway.events.off(event, done);
        resolve();
      };
      const timer = setTimeout(() => {
        for (const event of events) this.gateway.events.off(event, done);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      for (const event of events) this.gateway.events.once(event, done);
    });
  }

  /** Closes the gateway sockets and the HTTP server. */
  async stop(): Promise<void> {
    await this.gateway.close();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}

function dmChannelId(user: FakeUserSpec): string {
  return (BigInt(user.id) + 7n).toString();
}

function withoutPlace(options: InteractionUserOptions): InteractionUserOptions {
  const { guildId: _guildId, channelId: _channelId, ...rest } = options;
  return rest;
}
