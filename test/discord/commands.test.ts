import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createBriefService, type Summarize } from '../../src/briefs/service.ts';
import { parsePageCustomId } from '../../src/discord/format.ts';
import { createRouter, type BotDeps } from '../../src/discord/router.ts';
import { silentLogger } from '../../src/log.ts';
import { MemoryArticleStore, newArticle } from '../briefs/memory-store.ts';
import { dmActor, guildActor, RecordingResponder } from './recording.ts';

// A predictable stand-in for the summarizer: these tests are about the commands, not ranking.
const fakeSummarize: Summarize = (text, options) => ({
  headline: text.split('.')[0] ?? '',
  sentences: options.length === 'tldr' ? [text.split('. ')[0] + '.'] : text.split(/(?<=\.) /),
  keywords: [],
  quotes: [
    { text: 'We are working actively', speaker: 'Vladimir Putin' },
    { text: 'They rest on the principles of nonalignment', speaker: 'Li Shangfu' },
    { text: 'Third', speaker: null },
  ],
  articleWords: 20,
  summaryWords: 10,
  ratio: 0.5,
});

function setup(extra: (store: MemoryArticleStore) => void = () => undefined) {
  const store = new MemoryArticleStore();
  store.add(newArticle('Putin meets China defense minister', 'Russian President Vladimir Putin met Gen. Li Shangfu. They talked about @everyone and *cooperation*. Then they left.', { byline: 'Blake Preston', publishedAt: '2023-04-16T00:00:00Z' }));
  store.add(newArticle('Mobile phones go online', 'Half of UK mobiles go online. China too.'));
  extra(store);
  const deps: BotDeps = { store, briefs: createBriefService({ store, summarize: fakeSummarize }), logger: silentLogger, clock: () => new Date() };
  return { store, router: createRouter(commands, deps) };
}

async function run(router: ReturnType<typeof setup>['router'], commandName: string, options: Record<string, string>, actor = guildActor) {
  const responder = new RecordingResponder();
  await router.handle({ kind: 'chat-input', commandName, options, actor, responder });
  return responder;
}

describe('command definitions', () => {
  const definitions = commands.map((c) => c.data.toJSON());

  it('offers summary, quotes, articles and help in servers and DMs; digest in servers only', () => {
    expect(definitions.map((d) => d.name)).toEqual(['summary', 'quotes', 'articles', 'help', 'digest']);
    for (const definition of definitions) expect(definition.contexts).toEqual(definition.name === 'digest' ? [0] : [0, 1]);
  });

  it('summary takes an autocompleted article and a length choice', () => {
    const summary = definitions.find((d) => d.name === 'summary')!;
    expect(summary.options).toMatchObject([
      { name: 'article', type: 3, required: true, autocomplete: true },
      { name: 'length', type: 3, choices: [{ value: 'tldr' }, { value: 'short' }, { value: 'long' }] },
    ]);
  });

  it('digest has real subcommands with their own options, Manage Server by default', () => {
    const digest = definitions.find((d) => d.name === 'digest')!;
    expect(digest.default_member_permissions).toBe(String(1 << 5));
    const subcommands = (digest.options ?? []) as { name: string; type: number; options?: { name: string; type: number; required?: boolean; autocomplete?: boolean; min_value?: number; max_value?: number; channel_types?: number[] }[] }[];
    expect(subcommands.map((o) => [o.name, o.type])).toEqual([['subscribe', 1], ['unsubscribe', 1], ['list', 1], ['preview', 1], ['now', 1]]);
    const byName = new Map(subcommands.map((o) => [o.name, o.options ?? []]));
    expect(byName.get('subscribe')).toMatchObject([
      { name: 'channel', type: 7, required: true, channel_types: [0, 5] },
      { name: 'time', type: 3, required: true },
      { name: 'timezone', type: 3, autocomplete: true },
      { name: 'articles', type: 4, min_value: 1, max_value: 10 },
      { name: 'empty_note', type: 5 },
    ]);
    expect(byName.get('unsubscribe')).toMatchObject([{ name: 'channel', type: 7, required: true, channel_types: [0, 5] }]);
    expect(byName.get('list')).toEqual([]);
    expect(byName.get('now')).toMatchObject([{ name: 'channel', type: 7, required: true }]);
    expect(JSON.stringify(digest)).not.toContain('"action"');
  });
});

describe('/summary', () => {
  it('answers a picked id with the summary embed', async () => {
    const { router } = setup();
    const responder = await run(router, 'summary', { article: '1' });
    const embed = responder.last?.embeds?.[0];
    expect(responder.last?.ephemeral).toBeUndefined();
    expect(embed?.title).toBe('Putin meets China defense minister');
    expect(embed?.description).toContain('\\*cooperation\\*');
    expect(embed?.description).not.toContain('@everyone');
    expect(embed?.fields?.map((f) => f.name)).toEqual(['Vladimir Putin', 'Li Shangfu']);
    expect(embed?.footer?.text).toBe('putin-meets-china-defense-minister.txt · Blake Preston · 2023-04-16');
    expect(responder.last?.allowedMentions).toEqual({ parse: [] });
  });

  it('honours the length option', async () => {
    const { router } = setup();
    const short = await run(router, 'summary', { article: '1' });
    const tldr = await run(router, 'summary', { article: '1', length: 'tldr' });
    expect(tldr.last!.embeds![0]!.description!.length).toBeLessThan(short.last!.embeds![0]!.description!.length);
  });

  it('answers a picked id at once, without deferring', async () => {
    const { router } = setup();
    expect((await run(router, 'summary', { article: '2' })).ops).toEqual(['reply']);
  });

  it('treats typed text as a search, deferring first', async () => {
    const { router } = setup();
    const responder = await run(router, 'summary', { article: 'mobile phones' }, dmActor);
    expect(responder.ops).toEqual(['defer', 'edit']);
    expect(responder.last?.embeds?.[0]?.title).toBe('Mobile phones go online');
  });

  it('explains privately when nothing matches', async () => {
    const { router } = setup();
    const responder = await run(router, 'summary', { article: 'zebra @everyone' });
    expect(responder.ops).toEqual(['defer', 'deleteReply', 'followUp']);
    expect(responder.last?.ephemeral).toBe(true);
    expect(responder.last?.content).toMatch(/couldn't find an article matching “zebra @\u200beveryone”/);
    expect(responder.last?.content).toContain('/articles');
  });
});

describe('/quotes and /help', () => {
  it('lists every quote with its speaker', async () => {
    const { router } = setup();
    const responder = await run(router, 'quotes', { article: 'putin' });
    expect(responder.last?.embeds?.[0]?.fields?.map((f) => f.name)).toEqual(['Vladimir Putin', 'Li Shangfu', 'Unattributed']);
  });

  it('help is private and names every command', async () => {
    const { router } = setup();
    const responder = await run(router, 'help', {}, dmActor);
    expect(responder.last?.ephemeral).toBe(true);
    const usages = responder.last?.embeds?.[0]?.fields?.map((f) => f.name.split(' ').slice(0, 2).join(' '));
    expect(usages).toEqual([
      '/summary article:<…>',
      '/quotes article:<…>',
      '/articles [query:<…>]',
      '/help',
      '/digest subscribe',
      '/digest unsubscribe',
      '/digest list',
      '/digest preview',
      '/digest now',
    ]);
    const fields = responder.last?.embeds?.[0]?.fields ?? [];
    expect(fields.find((f) => f.name.startsWith('/digest subscribe'))?.name).toBe(
      '/digest subscribe channel:<…> time:<…> [timezone:<…>] [articles:<…>] [empty_note:<…>]',
    );
  });
});

describe('autocomplete', () => {
  it('offers at most 25 choices, names cut to 100 characters, values are ids', async () => {
    const { router } = setup((store) => {
      for (let i = 0; i < 40; i += 1) store.add(newArticle(`Putin story number ${i} ${'with a very long headline '.repeat(6)}`, `Body ${i}.`));
    });
    let choices: readonly { name: string; value: string }[] = [];
    await router.handle({
      kind: 'autocomplete',
      commandName: 'summary',
      focused: { name: 'article', value: 'putin' },
      options: {},
      actor: guildActor,
      respond: async (c) => {
        choices = c;
      },
    });
    expect(choices).toHaveLength(25);
    expect(choices[0]).toEqual({ name: 'Putin meets China defense minister', value: '1' });
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value).toMatch(/^\d+$/);
    }
  });
});

describe('/articles', () => {
  it('pages with Previous/Next buttons', async () => {
    const { router } = setup((store) => {
      for (let i = 0; i < 23; i += 1) store.add(newArticle(`Story ${i}`, `Body ${i}.`));
    });
    const first = await run(router, 'articles', {});
    const embed = first.last!.embeds![0]!;
    expect(embed.title).toBe('Newest articles');
    expect(embed.description!.split('\n')).toHaveLength(10);
    const next = first.last!.components![0]!.components[1]!;
    expect(next.disabled).toBe(false);

    const click = new RecordingResponder();
    await router.handle({ kind: 'component', customId: next.custom_id, values: [], actor: guildActor, responder: click });
    expect(click.ops).toEqual(['update']); // the newest list needs no search: answered at once
    expect(click.last!.embeds![0]!.description).toMatch(/^\*\*11\.\*\*/);
    expect(click.last!.embeds![0]!.footer?.text).toMatch(/^Page 2/);

    const last = click.last!.components![0]!.components[1]!;
    expect(parsePageCustomId(last.custom_id)?.page).toBe(2);
    const third = new RecordingResponder();
    await router.handle({ kind: 'component', customId: last.custom_id, values: [], actor: guildActor, responder: third });
    expect(third.last!.embeds![0]!.description!.split('\n')).toHaveLength(5);
    expect(third.last!.components![0]!.components[1]!.disabled).toBe(true);
  });

  it('searches with a query and keeps it across pages', async () => {
    const { router } = setup();
    const responder = await run(router, 'articles', { query: 'china' });
    expect(responder.ops).toEqual(['defer', 'edit']);
    expect(responder.last!.embeds![0]!.title).toBe('Articles matching “china”');
    const click = new RecordingResponder();
    await router.handle({ kind: 'component', customId: responder.last!.components![0]!.components[1]!.custom_id, values: [], actor: guildActor, responder: click });
    expect(click.ops).toEqual(['deferUpdate', 'edit']);
    expect(parsePageCustomId(responder.last!.components![0]!.components[1]!.custom_id)?.query).toBe('china');
  });

  it('answers a malformed page button privately', async () => {
    const { router } = setup();
    const responder = new RecordingResponder();
    await router.handle({ kind: 'component', customId: 'articles:page:oops', values: [], actor: guildActor, responder });
    expect(responder.last?.ephemeral).toBe(true);
  });
});
