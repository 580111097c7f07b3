/**
 * Permission guards: small pure functions that say ok or give the reason (shown to the user).
 * Failure is expected here, so it is a value, not an exception.
 */
export type GuardResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Who is acting and where: all a guard may look at. */
export interface Actor {
  readonly userId: string;
  /** null in DMs and group DMs. */
  readonly guildId: string | null;
  /** The member's resolved permissions in this channel; null outside a server. */
  readonly permissions: bigint | null;
}

export type Guard = (actor: Actor) => GuardResult;

export const allowed: GuardResult = Object.freeze({ ok: true });

export const permissionFlags = {
  administrator: 1n << 3n,
  manageGuild: 1n << 5n,
} as const;

export const guildOnly: Guard = (actor) =>
  actor.guildId === null ? { ok: false, reason: 'This command only works in a server, not in direct messages.' } : allowed;

/** Requires a permission (Administrator always passes), e.g. Manage Server for digest settings. */
export function requirePermission(flag: bigint, label: string): Guard {
  return (actor) => {
    if (actor.guildId === null) return { ok: false, reason: `This needs the ${label} permission in a server.` };
    const granted = actor.permissions ?? 0n;
    if ((granted & permissionFlags.administrator) !== 0n || (granted & flag) === flag) return allowed;
    return { ok: false, reason: `You need the ${label} permission to do this.` };
  };
}

export const requireManageServer: Guard = requirePermission(permissionFlags.manageGuild, 'Manage Server');

/** Runs guards in order; the first failure wins. */
export function checkGuards(guards: readonly Guard[], actor: Actor): GuardResult {
  for (const guard of guards) {
    const result = guard(actor);
    if (!result.ok) return result;
  }
  return allowed;
}
