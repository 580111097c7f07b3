/**
 * Console mode: slash commands typed at a prompt (or piped in) and answered through the same
 * router and formatting as Discord, rendered as text.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { renderText, type OutgoingMessage } from './format.ts';
import type { Actor } from './guards.ts';
import { isSubcommandLike, type OptionValue, type Responder, type Router } from './router.ts';

export interface ParsedCommand {
  readonly commandName: string;
  /** Present only for commands with subcommands (`/digest list` -> 'list'). */
  readonly subcommand?: string;
  readonly subcommandGroup?: string;
  readonly options: Record<string, OptionValue>;
}

export type ParseResult = { readonly ok: true; readonly command: ParsedCommand } | { readonly ok: false; readonly reason: string };

interface OptionSpec {
  readonly name: string;
  readonly type: number;
  readonly required?: boolean;
  readonly options?: readonly OptionSpec[];
}

/** Channel, user, role and mentionable options take an id; a pasted mention (`<#123>`) gives it. */
const mentionTypes = new Set([6, 7, 8, 9]);

function optionValue(spec: OptionSpec, raw: string): OptionValue {
  // 4 integer, 5 boolean, 10 number; everything else is text.
  if (spec.type === 4 || spec.type === 10) return Number(raw);
  if (spec.type === 5) return raw === 'true';
  if (mentionTypes.has(spec.type)) return /^<(?:#|@&?|@!)(\d+)>$/.exec(raw)?.[1] ?? raw;
  return raw;
}

/**
 * Parses `/summary article:putin talks length:long`. An option's value runs to the next
 * `<known option>:`, so values may contain spaces (and colons). For commands with subcommands the
 * first bare word names the subcommand (`/digest subscribe channel:#news time:09:00`), and a group
 * name comes before it.
 */
export function parseCommandLine(line: string, router: Pick<Router, 'definitions'>): ParseResult {
  const text = line.trim();
  const head = /^\/(\S+)\s*(.*)$/s.exec(text);
  if (!head) return { ok: false, reason: 'Commands start with a slash, e.g. /help' };
  const commandName = (head[1] ?? '').toLowerCase();
  const definition = router.definitions().find((d) => d.name === commandName);
  if (!definition) return { ok: false, reason: `Unknown command /${commandName}. Try /help.` };
  let known = (definition.options ?? []) as readonly OptionSpec[];
  let rest = head[2] ?? '';
  let invoked = `/${commandName}`;
  const path: string[] = [];
  while (known.some(isSubcommandLike)) {
    const choices = known.filter(isSubcommandLike);
    const word = /^([^\s:]+)(?:\s+(.*))?$/s.exec(rest);
    const picked = choices.find((o) => o.name === word?.[1]?.toLowerCase());
    if (!word || !picked) {
      const names = choices.map((o) => o.name).join(', ');
      return { ok: false, reason: `${invoked} needs one of: ${names} (e.g. ${invoked} ${choices[0]?.name ?? ''}).` };
    }
    path.push(picked.name);
    invoked += ` ${picked.name}`;
    known = picked.options ?? [];
    rest = word[2] ?? '';
  }
  const options: Record<string, OptionValue> = {};
  if (rest !== '') {
    if (known.length === 0) return { ok: false, reason: `${invoked} takes no options.` };
    const names = known.map((o) => o.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    const parts = rest.split(new RegExp(`(?:^|\\s+)(?=(?:${names}):)`, 'i')).filter((p) => p.trim() !== '');
    for (const part of parts) {
      const colon = part.indexOf(':');
      const name = part.slice(0, colon).toLowerCase();
      const spec = known.find((o) => o.name === name);
      if (colon < 0 || !spec) {
        const usage = known.map((o) => `${o.name}:<…>`).join(' ');
        return { ok: false, reason: `Could not read “${part.trim()}”. Usage: ${invoked} ${usage}` };
      }
      options[name] = optionValue(spec, part.slice(colon + 1).trim());
    }
  }
  const missing = known.filter((o) => o.required && !(o.name in options)).map((o) => o.name);
  if (missing.length > 0) return { ok: false, reason: `${invoked} needs ${missing.map((m) => `${m}:<…>`).join(' ')}` };
  const [first, second] = path;
  const subcommands = second !== undefined ? { subcommandGroup: first ?? '', subcommand: second } : first !== undefined ? { subcommand: first } : {};
  return { ok: true, command: { commandName, ...subcommands, options } };
}

export interface ConsoleOptions {
  readonly router: Router;
  readonly input: Readable;
  readonly output: Writable;
  /** Show a prompt (interactive terminals); otherwise each command is echoed. */
  readonly interactive: boolean;
}

const consoleActor: Actor = { userId: 'console', guildId: null, permissions: null };

/** Reads commands until end of input. Resolves when the input ends. */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { router, output } = options;
  const print = (text: string): void => {
    output.write(`${text}\n`);
  };
  let lastButtons: { label: string; customId: string }[] = [];

  const show = (msg: OutgoingMessage): void => {
    const buttons = (msg.components ?? []).flatMap((row) => row.components).filter((b) => !b.disabled);
    if (buttons.length > 0 || msg.components !== undefined) {
      lastButtons = buttons.map((b) => ({ label: b.label, customId: b.custom_id }));
    }
    let text = renderText(msg);
    if (buttons.length > 0) text += '\n(type next or previous to turn the page)';
    print(msg.ephemeral ? `(only you can see this)\n${text}` : text);
    print('');
  };

  const responder: Responder & { update(message: OutgoingMessage): Promise<void> } = {
    reply: async (msg) => show(msg),
    defer: async () => undefined,
    edit: async (msg) => show(msg),
    followUp: async (msg) => show(msg),
    deleteReply: async () => undefined,
    update: async (msg) => show(msg),
  };

  const rl = createInterface({ input: options.input, terminal: false });
  const prompt = (): void => {
    if (options.interactive) output.write('briefbot> ');
  };
  prompt();
  for await (const rawLine of rl) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) {
      prompt();
      continue;
    }
    if (!options.interactive) print(`> ${line}`);
    if (line === 'quit' || line === 'exit' || line === '/quit' || line === '/exit') break;
    const word = line.toLowerCase();
    if (word === 'next' || word === 'previous' || word === 'prev') {
      const wanted = word === 'next' ? 'next' : 'prev';
      const button = lastButtons.find((b) => b.label.toLowerCase().includes(wanted));
      if (!button) print(`There is no ${word} page.\n`);
      else await router.handle({ kind: 'component', customId: button.customId, values: [], actor: consoleActor, responder });
      prompt();
      continue;
    }
    const parsed = parseCommandLine(line, router);
    if (!parsed.ok) print(`${parsed.reason}\n`);
    else await router.handle({ kind: 'chat-input', ...parsed.command, actor: consoleActor, responder });
    prompt();
  }
  rl.close();
}

/** What a new user sees first: how to connect the real bot. */
export const connectInstructions = `Briefbot is running in console mode because DISCORD_TOKEN is not set.

To connect it to Discord:
  1. Create an application at https://discord.com/developers/applications (New Application).
  2. In "Bot", press "Reset Token" and copy the token. Keep it secret.
  3. Put it in a file named .env beside package.json:
       DISCORD_TOKEN=<your token>
       DISCORD_CLIENT_ID=<the Application ID from "General Information">
       DISCORD_GUILD_ID=<optional: your server id, for instant command updates while testing>
  4. Invite the bot: in "OAuth2" > "URL Generator" tick "bot" and "applications.commands", open the URL.
  5. Run npm start again.

Meanwhile, try the commands here, for example:
  /summary article:putin
  /summary article:putin length:long
  /quotes article:putin
  /articles query:china
  /help
Type quit (or press Ctrl+D) to leave.
`;
