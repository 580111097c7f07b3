/** What a fake REST handler answers; turned into an HTTP response by the router. */
export interface RestReply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export function json(body: unknown, status = 200): RestReply {
  return { status, body };
}

export const noContent: RestReply = { status: 204 };

/** Discord's JSON error body: `{ message, code }`. */
export function discordError(status: number, code: number, message: string): RestReply {
  return { status, body: { message, code } };
}

export const knownErrors = {
  unknownChannel: () => discordError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => discordError(404, 10004, 'Unknown Guild'),
  unknownMessage: () => discordError(404, 10008, 'Unknown Message'),
  unknownWebhook: () => discordError(404, 10015, 'Unknown Webhook'),
  unknownCommand: () => discordError(404, 10063, 'Unknown application command'),
  unknownInteraction: () => discordError(404, 10062, 'Unknown interaction'),
  alreadyAcknowledged: () => discordError(400, 40060, 'Interaction has already been acknowledged.'),
  missingAccess: () => discordError(403, 50001, 'Missing Access'),
  missingPermissions: () => discordError(403, 50013, 'Missing Permissions'),
  unauthorized: () => discordError(401, 0, '401: Unauthorized'),
  notFound: () => discordError(404, 0, '404: Not Found'),
} as const;
