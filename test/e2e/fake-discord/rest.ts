/**
 * The REST half of the fake: a small route table over node:http, with Authorization checks,
 * request recording, injected faults (429, 5xx, failing channels) and Discord's error bodies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applicationPayload, channelPayload, guildPayload, userPayload } from './payloads.ts';
import type { Json, MessageContext } from './payloads.ts';
import { messagePayload } from './payloads.ts';
import { discordError, json, knownErrors, noContent } from './reply.ts';
import type { RestReply } from './reply.ts';
import type { FakeStore } from './store.ts';
import type { InteractionTracker } from './interactions.ts';
import type { ChannelFailure, FakeUserSpec, RateLimitOptions, FaultOptions, RecordedRequest } from './types.ts';
import { validateCommands, validateMessage } from './validate.ts';

export interface Faults {
  rateLimits: Array<Required<Pick<RateLimitOptions, 'retryAfterSeconds' | 'global'>> & FaultOptions>;
  serverErrors: Array<{ readonly status: number } & FaultOptions>;
  readonly channelFailures: Map<string, ChannelFailure>;
}

export interface RestContext {
  readonly token: string;
  readonly applicationId: string;
  readonly bot: FakeUserSpec;
  readonly store: FakeStore;
  readonly interactions: InteractionTracker;
  readonly faults: Faults;
  readonly requests: RecordedRequest[];
  readonly unknownRoutes: string[];
  readonly joinedAt: number;
  readonly gatewayUrl: () => string;
  readonly log: (line: string) => void;
}

interface Incoming {
  readonly method: string;
  readonly params: string[];
  readonly body: unknown;
  readonly hasFiles: boolean;
  readonly query: URLSearchParams;
}

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  /** Interaction callbacks and webhook routes are called without the bot token. */
  readonly auth: boolean;
  readonly handle: (request: Incoming, context: RestContext) => RestReply;
}

const id = '(\\d{15,21})';
/** Categories and forums take no plain messages. */
const nonTextChannelTypes = new Set([4, 15, 16]);
const token = '([^/]+)';

function route(method: string, path: string, auth: boolean, handle: Route['handle']): Route {
  return { method, pattern: new RegExp(`^${path}$`), auth, handle };
}

function param(request: Incoming, index: number): string {
  return request.params[index] ?? '';
}

function channelContext(context: RestContext): MessageContext {
  return { author: context.bot, applicationId: context.applicationId };
}

function guildOrNull(request: Incoming, index: number): string | null {
  return request.params[index] ?? null;
}

function commandRoutes(prefix: string, guildIndex: number | null): Route[] {
  const scopeOf = (request: Incoming): string | null => (guildIndex === null ? null : guildOrNull(request, guildIndex));
  const check = (request: Incoming, context: RestContext): RestReply | null => {
    if (param(request, 0) !== context.applicationId) return knownErrors.missingAccess();
    const guildId = scopeOf(request);
    if (guildId !== null && !context.store.guilds.has(guildId)) return knownErrors.missingAccess();
    return null;
  };
  return [
    route('GET', prefix, true, (request, context) => check(request, context) ?? json(context.store.commands(scopeOf(request)).commands)),
    route('PUT', prefix, true, (request, context) => {
      const denied = check(request, context) ?? validateCommands(request.body);
      if (denied) return denied;
      return json(context.store.overwriteCommands(context.applicationId, scopeOf(request), request.body as unknown[]));
    }),
    route('POST', prefix, true, (request, context) => {
      const denied = check(request, context) ?? validateCommands([request.body]);
      if (denied) return denied;
      const { command, created } = context.store.upsertCommand(context.applicationId, scopeOf(request), request.body);
      return json(command, created ? 201 : 200);
    }),
    route('GET', `${prefix}/${id}`, true, (request, context) => {
      const denied = check(request, context);
      if (denied) return denied;
      const commandId = request.params[request.params.length - 1];
      const found = context.store.commands(scopeOf(request)).commands.find((c) => c.id === commandId);
      return found ? json(found) : knownErrors.unknownCommand();
    }),
    route('DELETE', `${prefix}/${id}`, true, (request, context) => {
      const denied = check(request, context);
      if (denied) return denied;
      const commandId = request.params[request.params.length - 1] ?? '';
      return context.store.deleteCommand(scopeOf(request), commandId) ? noContent : knownErrors.unknownCommand();
    }),
  ];
}

function channelMessage(request: Incoming, context: RestContext): ReturnType<FakeStore['messages']['get']> {
  const message = context.store.messages.get(param(request, 1));
  return message && message.channelId === param(request, 0) && !message.deleted ? message : undefined;
}

const routes: Route[] = [
  route('GET', '/gateway/bot', true, (_request, context) =>
    json({
      url: context.gatewayUrl(),
      shards: 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
    }),
  ),
  route('GET', '/gateway', false, (_request, context) => json({ url: context.gatewayUrl() })),
  route('GET', '/users/@me', true, (_request, context) =>
    json({ ...userPayload({ ...context.bot, bot: true }), verified: true, mfa_enabled: false, locale: 'en-US' }),
  ),
  route('GET', '/applications/@me', true, (_request, context) => json(applicationPayload(context.applicationId, context.bot))),
  ...commandRoutes(`/applications/${id}/commands`, null),
  ...commandRoutes(`/applications/${id}/guilds/${id}/commands`, 1),
  route('POST', `/interactions/${id}/${token}/callback`, false, (request, context) =>
    context.interactions.callback(param(request, 0), param(request, 1), request.body, request.query, request.hasFiles),
  ),
  route('POST', `/webhooks/${id}/${token}`, false, (request, context) => webhook(request, context, null)),
  route('GET', `/webhooks/${id}/${token}/messages/(@original|\\d{15,21})`, false, (request, context) => webhook(request, context, param(request, 2))),
  route('PATCH', `/webhooks/${id}/${token}/messages/(@original|\\d{15,21})`, false, (request, context) => webhook(request, context, param(request, 2))),
  route('DELETE', `/webhooks/${id}/${token}/messages/(@original|\\d{15,21})`, false, (request, context) => webhook(request, context, param(request, 2))),
  route('GET', `/channels/${id}`, true, (request, context) => {
    const entry = context.store.channels.get(param(request, 0));
    return entry ? json(channelPayload(entry.guildId, entry.spec, entry.position)) : knownErrors.unknownChannel();
  }),
  route('POST', `/channels/${id}/messages`, true, (request, context) => {
    const entry = context.store.channels.get(param(request, 0));
    if (!entry) return knownErrors.unknownChannel();
    if (nonTextChannelTypes.has(entry.spec.type ?? 0)) return discordError(400, 50008, 'Cannot send messages in a non-text channel');
    const invalid = validateMessage(request.body as Json, request.hasFiles);
    if (invalid) return invalid;
    const message = context.store.createMessage(param(request, 0), entry.guildId, 'channel', request.body, null);
    return json(messagePayload(message, channelContext(context)));
  }),
  route('GET', `/channels/${id}/messages`, true, (request, context) => {
    if (!context.store.channels.has(param(request, 0))) return knownErrors.unknownChannel();
    const limit = Number(request.query.get('limit') ?? 50);
    const newestFirst = context.store.channelMessages(param(request, 0)).reverse().slice(0, limit);
    return json(newestFirst.map((m) => messagePayload(m, channelContext(context))));
  }),
  route('GET', `/channels/${id}/messages/${id}`, true, (request, context) => {
    const message = channelMessage(request, context);
    return message ? json(messagePayload(message, channelContext(context))) : knownErrors.unknownMessage();
  }),
  route('PATCH', `/channels/${id}/messages/${id}`, true, (request, context) => {
    const message = channelMessage(request, context);
    if (!message) return knownErrors.unknownMessage();
    const invalid = validateMessage(context.store.mergedShape(message, request.body), request.hasFiles);
    if (invalid) return invalid;
    context.store.applyEdit(message, request.body);
    return json(messagePayload(message, channelContext(context)));
  }),
  route('DELETE', `/channels/${id}/messages/${id}`, true, (request, context) => {
    const message = channelMessage(request, context);
    if (!message) return knownErrors.unknownMessage();
    message.deleted = true;
    return noContent;
  }),
  route('POST', `/channels/${id}/typing`, true, (request, context) =>
    context.store.channels.has(param(request, 0)) ? noContent : knownErrors.unknownChannel(),
  ),
  route('GET', `/guilds/${id}`, true, (request, context) => {
    const guild = context.store.guilds.get(param(request, 0));
    if (!guild) return knownErrors.unknownGuild();
    const { channels: _channels, members: _members, ...rest } = guildPayload(guild, context.bot, context.joinedAt);
    return json(rest);
  }),
  route('GET', `/guilds/${id}/channels`, true, (request, context) => {
    const guildId = param(request, 0);
    if (!context.store.guilds.has(guildId)) return knownErrors.unknownGuild();
    const channels = [...context.store.channels.values()].filter((c) => c.guildId === guildId);
    return json(channels.map((c) => channelPayload(guildId, c.spec, c.position)));
  }),
  route('GET', `/guilds/${id}/members/${id}`, true, (request, context) => {
    const guild = context.store.guilds.get(param(request, 0));
    if (!guild) return knownErrors.unknownGuild();
    const member = (guildPayload(guild, context.bot, context.joinedAt)['members'] as Json[]).find(
      (m) => (m['user'] as Json)['id'] === param(request, 1),
    );
    return member ? json(member) : { status: 404, body: { message: 'Unknown Member', code: 10007 } };
  }),
];

function webhook(request: Incoming, context: RestContext, messageId: string | null): RestReply {
  if (param(request, 0) !== context.applicationId) return knownErrors.unknownWebhook();
  return context.interactions.webhook(param(request, 1), request.method, messageId, request.body, request.query, request.hasFiles);
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** JSON bodies, or multipart bodies (discord.js sends files that way) reduced to payload_json. */
async function parseBody(raw: Buffer, contentType: string): Promise<{ body: unknown; hasFiles: boolean }> {
  if (raw.length === 0) return { body: undefined, hasFiles: false };
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    const payload = form.get('payload_json');
    const hasFiles = [...form.keys()].some((key) => key.startsWith('files['));
    return { body: typeof payload === 'string' ? JSON.parse(payload) : undefined, hasFiles };
  }
  return { body: JSON.parse(raw.toString('utf8')), hasFiles: false };
}

function headersWithoutAuth(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'authorization' || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function takeFault<T extends FaultOptions>(queue: T[], key: string): T | undefined {
  const index = queue.findIndex((fault) => !fault.match || fault.match.test(key));
  if (index < 0) return undefined;
  return queue.splice(index, 1)[0];
}

function rateLimited(fault: Faults['rateLimits'][number]): RestReply {
  const seconds = fault.retryAfterSeconds;
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: seconds, global: fault.global, code: fault.global ? 0 : 20028 },
    headers: {
      'retry-after': String(seconds),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String((Date.now() / 1000 + seconds).toFixed(3)),
      'x-ratelimit-reset-after': String(seconds),
      'x-ratelimit-bucket': 'fake-discord-bucket',
      'x-ratelimit-scope': fault.global ? 'global' : 'user',
      ...(fault.global ? { 'x-ratelimit-global': 'true' } : {}),
    },
  };
}

function dispatchRoute(method: string, path: string): { route: Route; params: string[] } | undefined {
  for (const candidate of routes) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (match) return { route: candidate, params: match.slice(1).map((p) => p ?? '') };
  }
  return undefined;
}

async function answer(request: IncomingMessage, context: RestContext, record: (r: RecordedRequest) => RecordedRequest): Promise<RestReply> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const method = (request.method ?? 'GET').toUpperCase();
  const versioned = /^\/api(?:\/v(\d+))?(\/.*)$/.exec(url.pathname);
  const path = safeDecode(versioned?.[2] ?? url.pathname);
  let parsed: { body: unknown; hasFiles: boolean };
  try {
    parsed = await parseBody(await readBody(request), String(request.headers['content-type'] ?? ''));
  } catch {
    record(baseRecord(request, method, path, url, undefined, false));
    return { status: 400, body: { message: '400: Bad Request', code: 50109 } };
  }
  const authorized = request.headers.authorization === `Bot ${context.token}`;
  record(baseRecord(request, method, path, url, parsed.body, authorized));
  const found = versioned ? dispatchRoute(method, path) : undefined;
  if (!found) {
    const line = `${method} ${url.pathname}`;
    context.unknownRoutes.push(line);
    context.log(`[fake-discord] unknown route: ${line} (answered 404)`);
    return knownErrors.notFound();
  }
  if (found.route.auth && !authorized) return knownErrors.unauthorized();
  const key = `${method} ${path}`;
  const limit = takeFault(context.faults.rateLimits, key);
  if (limit) return rateLimited(limit);
  const serverError = takeFault(context.faults.serverErrors, key);
  if (serverError) return { status: serverError.status, body: { message: 'Internal Server Error', code: 0 } };
  const channelId = /^\/channels\/(\d+)/.exec(path)?.[1];
  const failure = channelId === undefined ? undefined : context.faults.channelFailures.get(channelId);
  if (failure) return { status: failure.status, body: { message: failure.message ?? defaultMessage(failure.code), code: failure.code } };
  return found.route.handle({ method, params: found.params, body: parsed.body, hasFiles: parsed.hasFiles, query: url.searchParams }, context);
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function defaultMessage(code: number): string {
  const known: Record<number, string> = { 10003: 'Unknown Channel', 50001: 'Missing Access', 50013: 'Missing Permissions' };
  return known[code] ?? 'Request failed';
}

function baseRecord(request: IncomingMessage, method: string, path: string, url: URL, body: unknown, authorized: boolean): RecordedRequest {
  return {
    method,
    path,
    query: Object.fromEntries(url.searchParams),
    headers: headersWithoutAuth(request),
    authorized,
    body,
    status: 0,
    at: Date.now(),
  };
}

export function createRestHandler(context: RestContext): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    let recorded: RecordedRequest | undefined;
    const record = (r: RecordedRequest): RecordedRequest => {
      recorded = r;
      context.requests.push(r);
      return r;
    };
    answer(request, context, record)
      .catch((error: unknown): RestReply => {
        context.log(`[fake-discord] handler error: ${error instanceof Error ? error.message : String(error)}`);
        return { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
      })
      .then((reply) => {
        if (recorded) recorded.status = reply.status;
        const headers: Record<string, string> = { ...(reply.headers ?? {}) };
        if (reply.body !== undefined) headers['content-type'] = 'application/json';
        response.writeHead(reply.status, headers);
        response.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
      });
  };
}
