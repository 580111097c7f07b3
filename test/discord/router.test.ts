import { SlashCommandBuilder } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { createBriefService } from '../../src/briefs/service.ts';
import { flattenOptions } from '../../src/discord/client.ts';
import { createLogger } from '../../src/log.ts';
import { ephemeralText, message } from '../../src/discord/format.ts';
import { checkGuards, guildOnly, permissionFlags, requireManageServer } from '../../src/discord/guards.ts';
import { createRouter, friendlyError, helpEntries, type BotDeps, type Command } from '../../src/discord/router.ts';
import { MemoryArticleStore } from '../briefs/memory-store.ts';
import { capturingLogger, dmActor, guildActor, RecordingResponder } from './recording.ts';

function deps(): BotDeps & { logger: ReturnType<typeof capturingLogger> } {
  const store = new MemoryArticleStore();
  return {
    store,
    briefs: createBriefService({ store, summarize: () => { throw new Error('unused'); } }),
    logger: capturingLogger(),
    clock: () => new Date('2024-05-01T00:00:00Z'),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function command(name: string, parts: Partial<Command>): Command {
  return {
    data: new SlashCommandBuilder().setName(name).setDescription(`${name} command`).addStringOption((o) => o.setName('text').setDescription('t')),
    execute: async () => undefined,
    ...parts,
  };
}

describe('guards', () => {
  it('guildOnly refuses DMs with a reason', () => {
    expect(guildOnly(guildActor)).toEqual({ ok: true });
    expect(guildOnly(dmActor)).toMatchObject({ ok: false, reason: expect.stringMatching(/server/) });
  });

  it('Manage Server passes with the permission or Administrator only', () => {
    expect(requireManageServer(guildActor).ok).toBe(false);
    expect(requireManageServer({ ...guildActor, permissions: permissionFlags.manageGuild }).ok).toBe(true);
    expect(requireManageServer({ ...guildActor, permissions: permissionFlags.administrator }).ok).toBe(true);
    expect(requireManageServer(dmActor).ok).toBe(false);
  });

  it('the first failing guard wins', () => {
    const result = checkGuards([guildOnly, requireManageServer], dmActor);
    expect(result).toEqual(guildOnly(dmActor));
  });
});

describe('router: chat input', () => {
  it('dispatches to the named command with its options', async () => {
    const seen: (string | null)[] = [];
    const router = createRouter(
      [
        command('echo', {
          execute: async (ctx) => {
            seen.push(ctx.string('text'));
            await ctx.reply(message({ content: `you said ${ctx.string('text')}` }));
          },
        }),
      ],
      deps(),
    );
    const responder = new RecordingResponder();
    await router.handle({ kind: 'chat-input', commandName: 'echo', options: { text: 'hi' }, actor: dmActor, responder });
    expect(seen).toEqual(['hi']);
    expect(responder.ops).toEqual(['reply']);
    expect(responder.last?.content).toBe('you said hi');
  });

  it('answers an unknown command privately', async () => {
    const router = createRouter([], deps());
    const responder = new RecordingResponder();
    await router.handle({ kind: 'chat-input', commandName: 'nope', options: {}, actor: dmActor, responder });
    expect(responder.last?.ephemeral).toBe(true);
  });

  it('refuses a guarded command with the guard reason, without running it', async () => {
    let ran = false;
    const router = createRouter([command('digest', { guards: [guildOnly], execute: async () => { ran = true; } })], deps());
    const responder = new RecordingResponder();
    await router.handle({ kind: 'chat-input', commandName: 'digest', options: {}, actor: dmActor, responder });
    expect(ran).toBe(false);
    expect(responder.last).toMatchObject({ ephemeral: true, content: expect.stringMatching(/only works in a server/) });
  });

  it('turns a thrown error into a private friendly message and logs the context, never the token', async () => {
    const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.abcdef.secret-token-value';
    const written: string[] = [];
    const d = { ...deps(), logger: createLogger({ secrets: [token], write: (line) => written.push(line) }) };
    const router = createRouter(
      [
        command('boom', { execute: async () => { throw new Error(`request failed with Authorization: Bot ${token}`); } }),
        command('ok', { execute: async (ctx) => ctx.reply(message({ content: 'fine' })) }),
      ],
      d,
    );
    const responder = new RecordingResponder();
    await router.handle({ kind: 'chat-input', commandName: 'boom', options: {}, actor: guildActor, responder });
    expect(responder.last).toMatchObject({ ephemeral: true, content: friendlyError });
    const errorLine = written.find((line) => line.includes('ERROR'));
    expect(errorLine).toContain('"command":"boom"');
    expect(errorLine).toContain(`"userId":"${guildActor.userId}"`);
    expect(errorLine).toContain(`"guildId":"${guildActor.guildId}"`);
    expect(errorLine).toContain('[redacted]');
    expect(written.join('\n')).not.toContain(token);
    expect(JSON.stringify(responder.calls)).not.toContain(token);
    // The router keeps working.
    const next = new RecordingResponder();
    await router.handle({ kind: 'chat-input', commandName: 'ok', options: {}, actor: guildActor, responder: next });
    expect(next.last?.content).toBe('fine');
  });

  it('defers when a handler is slow, then edits the deferred reply', async () => {
    const router = createRouter(
      [command('slow', { execute: async (ctx) => { await sleep(60); await ctx.reply(message({ content: 'done' })); } })],
      deps(),
      { deferAfterMs: 10 },
    );
    const responder = new RecordingResponder();
    await router.handle({ kind: 'chat-input', commandName: 'slow', options: {}, actor: guildActor, responder });
    expect(responder.ops).toEqual(['defer', 'edit']);
    expect(responder.last?.content).toBe('done');
  });

  it('does not defer a fast handler', async () => {
    const router = createRouter([command('fast', { execute: async (ctx) => ctx.reply(message({ content: 'x' })) })], deps(), { deferAfterMs: 10 });
    const responder = new RecordingResponder();
    await router.handle({ kind: 'chat-input', commandName: 'fast', options: {}, actor: guildActor, responder });
    await sleep(30);
    expect(responder.ops).toEqual(['reply']);
  });

  it('a reply racing the timer deferral waits for it and becomes an edit', async () => {
    const router = createRouter(
      [command('race', { execute: async (ctx) => { await sleep(15); await ctx.reply(message({ content: 'r' })); } })],
      deps(),
      { deferAfterMs: 10 },
    );
    const responder = new RecordingResponder(20); // the defer request itself is slow
    await router.handle({ kind: 'chat-input', commandName: 'race', options: {}, actor: guildActor, responder });
    expect(responder.ops).toEqual(['defer', 'edit']);
  });

  it('defers first for commands that ask for it, and a private answer replaces a public deferral', async () => {
    const router = createRouter(
      [command('search', { deferFirst: true, execute: async (ctx) => ctx.reply(ephemeralText('nothing found')) })],
      deps(),
    );
    const responder = new RecordingResponder();
    await router.handle({ kind: 'chat-input', commandName: 'search', options: {}, actor: guildActor, responder });
    expect(responder.ops).toEqual(['defer', 'deleteReply', 'followUp']);
    expect(responder.last?.ephemeral).toBe(true);
  });

  it('a second reply becomes a follow-up', async () => {
    const router = createRouter(
      [command('two', { execute: async (ctx) => { await ctx.reply(message({ content: 'a' })); await ctx.reply(message({ content: 'b' })); } })],
      deps(),
    );
    const responder = new RecordingResponder();
    await router.handle({ kind: 'chat-input', commandName: 'two', options: {}, actor: guildActor, responder });
    expect(responder.ops).toEqual(['reply', 'followUp']);
  });

  it('an error after a public deferral is reported privately', async () => {
    const router = createRouter([command('late', { deferFirst: true, execute: async () => { throw new Error('x'); } })], deps());
    const responder = new RecordingResponder();
    await router.handle({ kind: 'chat-input', commandName: 'late', options: {}, actor: guildActor, responder });
    expect(responder.ops).toEqual(['defer', 'deleteReply', 'followUp']);
    expect(responder.last).toMatchObject({ ephemeral: true, content: friendlyError });
  });
});

describe('router: autocomplete and components', () => {
  it('routes autocomplete and answers empty when the handler fails', async () => {
    const d = deps();
    const router = createRouter(
      [
        command('ac', { autocomplete: async (ctx) => ctx.respond([{ name: `for ${ctx.focused.value}`, value: '1' }]) }),
        command('bad', { autocomplete: async () => { throw new Error('nope'); } }),
      ],
      d,
    );
    const answers: unknown[] = [];
    await router.handle({ kind: 'autocomplete', commandName: 'ac', focused: { name: 'text', value: 'pu' }, options: {}, actor: dmActor, respond: async (c) => { answers.push(c); } });
    await router.handle({ kind: 'autocomplete', commandName: 'bad', focused: { name: 'text', value: 'pu' }, options: {}, actor: dmActor, respond: async (c) => { answers.push(c); } });
    expect(answers).toEqual([[{ name: 'for pu', value: '1' }], []]);
    expect(d.logger.lines.some((l) => l.level === 'error' && l.context?.['command'] === 'bad')).toBe(true);
  });

  it('routes a button by the custom id prefix and lets it update the message', async () => {
    const seen: string[] = [];
    const router = createRouter(
      [command('pager', { component: async (ctx) => { seen.push(ctx.customId); await ctx.update(message({ content: 'page 2' })); } })],
      deps(),
    );
    const responder = new RecordingResponder();
    await router.handle({ kind: 'component', customId: 'pager:page:2:q', values: [], actor: guildActor, responder });
    expect(seen).toEqual(['pager:page:2:q']);
    expect(responder.ops).toEqual(['update']);
  });

  it('a deferred update is followed by an edit of the message, and a private reply by a follow-up', async () => {
    const router = createRouter(
      [
        command('slowpager', {
          component: async (ctx) => {
            await ctx.deferUpdate();
            await ctx.update(message({ content: 'page 3' }));
            await ctx.reply(ephemeralText('by the way'));
          },
        }),
      ],
      deps(),
    );
    const responder = new RecordingResponder();
    await router.handle({ kind: 'component', customId: 'slowpager:page:3:', values: [], actor: guildActor, responder });
    expect(responder.ops).toEqual(['deferUpdate', 'edit', 'followUp']);
  });

  it('answers privately for a button nobody handles', async () => {
    const router = createRouter([], deps());
    const responder = new RecordingResponder();
    await router.handle({ kind: 'component', customId: 'gone:1', values: [], actor: guildActor, responder });
    expect(responder.last?.ephemeral).toBe(true);
  });

  it('rejects duplicate command names', () => {
    expect(() => createRouter([command('a', {}), command('a', {})], deps())).toThrow(/share a name/);
  });

  it('help entries come from the definitions', () => {
    const entries = helpEntries([command('x', {}).data.toJSON()]);
    expect(entries).toEqual([{ usage: '/x [text:<…>]', description: 'x command' }]);
  });

  it('help lists each subcommand, grouped ones under their group', () => {
    expect(helpEntries([nestedCommand(async () => undefined).data.toJSON()])).toEqual([
      { usage: '/feed add url:<…> [label:<…>]', description: 'add a feed' },
      { usage: '/feed list', description: 'list feeds' },
      { usage: '/feed admin purge [days:<…>]', description: 'purge old items' },
    ]);
  });
});

function nestedCommand(execute: Command['execute'], autocomplete?: Command['autocomplete']): Command {
  return {
    data: new SlashCommandBuilder()
      .setName('feed')
      .setDescription('feeds')
      .addSubcommand((sub) =>
        sub
          .setName('add')
          .setDescription('add a feed')
          .addStringOption((o) => o.setName('url').setDescription('u').setRequired(true))
          .addStringOption((o) => o.setName('label').setDescription('l').setAutocomplete(true)),
      )
      .addSubcommand((sub) => sub.setName('list').setDescription('list feeds'))
      .addSubcommandGroup((group) =>
        group
          .setName('admin')
          .setDescription('admin')
          .addSubcommand((sub) => sub.setName('purge').setDescription('purge old items').addIntegerOption((o) => o.setName('days').setDescription('d'))),
      ),
    execute,
    ...(autocomplete ? { autocomplete } : {}),
  };
}

describe('router: subcommands', () => {
  it('passes the invoked subcommand, its group and its options to the command', async () => {
    const seen: unknown[] = [];
    const router = createRouter(
      [
        nestedCommand(async (ctx) => {
          seen.push([ctx.subcommandGroup(), ctx.subcommand(), ctx.string('url'), ctx.integer('days')]);
          await ctx.reply(ephemeralText(`ran ${ctx.subcommand()}`));
        }),
      ],
      deps(),
    );
    const add = new RecordingResponder();
    await router.handle({ kind: 'chat-input', commandName: 'feed', subcommand: 'add', options: { url: 'https://x.test' }, actor: guildActor, responder: add });
    const purge = new RecordingResponder();
    await router.handle({ kind: 'chat-input', commandName: 'feed', subcommandGroup: 'admin', subcommand: 'purge', options: { days: 7 }, actor: guildActor, responder: purge });
    const plain = new RecordingResponder();
    await router.handle({ kind: 'chat-input', commandName: 'feed', options: {}, actor: guildActor, responder: plain });
    expect(seen).toEqual([
      [null, 'add', 'https://x.test', null],
      ['admin', 'purge', null, 7],
      [null, null, null, null],
    ]);
    expect(add.last?.content).toBe('ran add');
    expect(purge.last?.content).toBe('ran purge');
  });

  it('autocomplete sees the subcommand too', async () => {
    let seen: string | null = 'unset';
    const router = createRouter(
      [
        nestedCommand(
          async () => undefined,
          async (ctx) => {
            seen = ctx.subcommand();
            await ctx.respond([{ name: `${ctx.subcommand()}:${ctx.focused.value}`, value: 'v' }]);
          },
        ),
      ],
      deps(),
    );
    let choices: readonly { name: string; value: string }[] = [];
    await router.handle({
      kind: 'autocomplete',
      commandName: 'feed',
      subcommand: 'add',
      focused: { name: 'label', value: 'ne' },
      options: { url: 'u', label: 'ne' },
      actor: guildActor,
      respond: async (c) => {
        choices = c;
      },
    });
    expect(seen).toBe('add');
    expect(choices).toEqual([{ name: 'add:ne', value: 'v' }]);
  });
});

describe('discord.js options', () => {
  it('flattens a subcommand\'s nested options and keeps plain ones', () => {
    expect(flattenOptions([{ name: 'article', type: 3, value: 'putin' }, { name: 'count', type: 4, value: 3 }])).toEqual({ article: 'putin', count: 3 });
    expect(
      flattenOptions([
        { name: 'subscribe', type: 1, options: [{ name: 'channel', type: 7, value: '300' }, { name: 'empty_note', type: 5, value: true }] },
      ]),
    ).toEqual({ channel: '300', empty_note: true });
    expect(flattenOptions([{ name: 'admin', type: 2, options: [{ name: 'purge', type: 1, options: [{ name: 'days', type: 4, value: 7 }] }] }])).toEqual({ days: 7 });
    expect(flattenOptions([{ name: 'list', type: 1, options: [] }])).toEqual({});
  });
});
