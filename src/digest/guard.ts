/**
 * Who may change digest subscriptions: Manage Server, in a server. Discord already hides the
 * command from others (default member permissions), but server admins can override that, so the
 * handler asks again.
 */
export const manageGuildFlag = 1n << 5n;
const administratorFlag = 1n << 3n;

export interface MemberContext {
  readonly inGuild: boolean;
  /** The member's permissions in the channel, as a bit set; null when unknown. */
  readonly permissions: bigint | null;
}

export type GuardResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export function canUseDigests(context: MemberContext): GuardResult {
  return context.inGuild ? { ok: true } : { ok: false, reason: 'Digests work in servers only.' };
}

export function canManageDigests(context: MemberContext): GuardResult {
  const inGuild = canUseDigests(context);
  if (!inGuild.ok) return inGuild;
  if (context.permissions === null || (context.permissions & (manageGuildFlag | administratorFlag)) === 0n) {
    return { ok: false, reason: 'You need the **Manage Server** permission to change digest subscriptions.' };
  }
  return { ok: true };
}
