import { DiscordAPIError, HTTPError, Routes, type REST } from 'discord.js';
import type { DigestMessage } from './compose.ts';
import type { DigestPoster, PostOutcome } from './delivery.ts';

/** Discord error codes that mean "this channel will not take digests until someone acts". */
const unknownChannel = 10003;
const missingAccess = 50001;
const missingPermissions = 50013;

/** Maps a failed post to a pause (gone / forbidden) or a retry later (failed). Never includes secrets. */
export function classifyPostError(error: unknown): Exclude<PostOutcome, { ok: true }> {
  if (error instanceof DiscordAPIError) {
    if (error.code === unknownChannel || error.status === 404) {
      return { ok: false, kind: 'gone', reason: `channel not found (deleted?) [${error.status}/${error.code}]` };
    }
    if (error.code === missingAccess || error.code === missingPermissions || error.status === 403) {
      return {
        ok: false,
        kind: 'forbidden',
        reason: `missing permission to post here (View Channel, Send Messages, Embed Links) [${error.status}/${error.code}]`,
      };
    }
    return { ok: false, kind: 'failed', reason: `Discord refused the post [${error.status}/${error.code}]` };
  }
  if (error instanceof HTTPError) return { ok: false, kind: 'failed', reason: `Discord HTTP ${error.status}` };
  const name = error instanceof Error ? error.name : 'Error';
  return { ok: false, kind: 'failed', reason: `post failed (${name})` };
}

/**
 * Posts through discord.js's REST queue, which waits out rate limits (per route and the global
 * 50/s) and retries 5xx on its own. One request per message: no channel fetch first.
 */
export function restPoster(rest: REST): DigestPoster {
  return {
    async post(channelId: string, message: DigestMessage, nonce: string): Promise<PostOutcome> {
      try {
        const body = {
          ...(message.content === undefined ? {} : { content: message.content }),
          embeds: message.embeds,
          allowed_mentions: { parse: [] },
          nonce,
          enforce_nonce: true,
        };
        const sent = (await rest.post(Routes.channelMessages(channelId), { body })) as { id: string };
        return { ok: true, messageId: sent.id };
      } catch (error) {
        return classifyPostError(error);
      }
    },
  };
}
