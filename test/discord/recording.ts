/** Recording fakes for router tests: a responder that remembers every call, a capturing logger. */
import type { Logger } from '../../src/log.ts';
import type { OutgoingMessage } from '../../src/discord/format.ts';
import type { Actor } from '../../src/discord/guards.ts';
import type { Responder } from '../../src/discord/router.ts';

export type Call = { readonly op: 'reply' | 'edit' | 'followUp' | 'update'; readonly message: OutgoingMessage } | { readonly op: 'defer'; readonly ephemeral: boolean } | { readonly op: 'deleteReply' } | { readonly op: 'deferUpdate' };

export class RecordingResponder implements Responder {
  readonly calls: Call[] = [];
  constructor(private readonly delayMs = 0) {}
  async #wait(): Promise<void> {
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
  }
  reply = async (message: OutgoingMessage) => {
    await this.#wait();
    this.calls.push({ op: 'reply', message });
  };
  defer = async (ephemeral: boolean) => {
    await this.#wait();
    this.calls.push({ op: 'defer', ephemeral });
  };
  edit = async (message: OutgoingMessage) => {
    this.calls.push({ op: 'edit', message });
  };
  followUp = async (message: OutgoingMessage) => {
    this.calls.push({ op: 'followUp', message });
  };
  deleteReply = async () => {
    this.calls.push({ op: 'deleteReply' });
  };
  deferUpdate = async () => {
    this.calls.push({ op: 'deferUpdate' });
  };
  update = async (message: OutgoingMessage) => {
    this.calls.push({ op: 'update', message });
  };
  get ops(): string[] {
    return this.calls.map((c) => c.op);
  }
  /** The last message sent in any form. */
  get last(): OutgoingMessage | undefined {
    for (let i = this.calls.length - 1; i >= 0; i -= 1) {
      const call = this.calls[i];
      if (call && 'message' in call) return call.message;
    }
    return undefined;
  }
}

export function capturingLogger(): Logger & { lines: { level: string; message: string; context?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; context?: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, context?: Record<string, unknown>) => {
    lines.push(context === undefined ? { level, message } : { level, message, context });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const guildActor: Actor = { userId: '100000000000000001', guildId: '200000000000000002', permissions: 0n };
export const dmActor: Actor = { userId: '100000000000000001', guildId: null, permissions: null };
