import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createBriefService } from '../../src/briefs/service.ts';
import { parseCommandLine, runConsole } from '../../src/discord/console.ts';
import { createRouter } from '../../src/discord/router.ts';
import { silentLogger } from '../../src/log.ts';
import { MemoryArticleStore, newArticle } from '../briefs/memory-store.ts';

function router() {
  const store = new MemoryArticleStore();
  store.add(newArticle('Putin meets China defense minister', 'Putin met Li Shangfu in Moscow. They talked.'));
  for (let i = 0; i < 12; i += 1) store.add(newArticle(`Story ${i}`, `Body ${i}.`));
  const summarize = (text: string) => ({ headline: 'Putin meets Li', sentences: [text], keywords: [], quotes: [{ text: 'We are ready', speaker: 'Vladimir Putin' }], articleWords: 1, summaryWords: 1, ratio: 1 });
  return createRouter(commands, { store, briefs: createBriefService({ store, summarize }), logger: silentLogger, clock: () => new Date() });
}

describe('parseCommandLine', () => {
  const r = router();

  it('reads options whose values contain spaces', () => {
    expect(parseCommandLine('/summary article:putin china talks length:long', r)).toEqual({
      ok: true,
      command: { commandName: 'summary', options: { article: 'putin china talks', length: 'long' } },
    });
    expect(parseCommandLine('/articles', r)).toEqual({ ok: true, command: { commandName: 'articles', options: {} } });
  });

  it('explains unknown commands, unknown options and missing required options', () => {
    expect(parseCommandLine('summary article:x', r)).toMatchObject({ ok: false, reason: expect.stringMatching(/slash/) });
    expect(parseCommandLine('/nope', r)).toMatchObject({ ok: false, reason: expect.stringMatching(/Unknown command \/nope/) });
    expect(parseCommandLine('/summary colour:red', r)).toMatchObject({ ok: false, reason: expect.stringMatching(/Usage: \/summary article/) });
    expect(parseCommandLine('/summary', r)).toMatchObject({ ok: false, reason: '/summary needs article:<…>' });
    expect(parseCommandLine('/help now', r)).toMatchObject({ ok: false, reason: '/help takes no options.' });
  });

  it('reads the first bare word as the subcommand of a command that has them', () => {
    expect(parseCommandLine('/digest subscribe channel:<#300000000000000011> time:09:00 timezone:Europe/Berlin articles:3', r)).toEqual({
      ok: true,
      command: {
        commandName: 'digest',
        subcommand: 'subscribe',
        options: { channel: '300000000000000011', time: '09:00', timezone: 'Europe/Berlin', articles: 3 },
      },
    });
    expect(parseCommandLine('/digest subscribe channel:#general time:09:00', r)).toMatchObject({
      ok: true,
      command: { subcommand: 'subscribe', options: { channel: '#general', time: '09:00' } },
    });
    expect(parseCommandLine('/digest LIST', r)).toEqual({ ok: true, command: { commandName: 'digest', subcommand: 'list', options: {} } });
    expect(parseCommandLine('/digest', r)).toMatchObject({ ok: false, reason: expect.stringMatching(/^\/digest needs one of: subscribe, unsubscribe, list, preview, now/) });
    expect(parseCommandLine('/digest channel:#general', r)).toMatchObject({ ok: false, reason: expect.stringMatching(/needs one of/) });
    expect(parseCommandLine('/digest subscribe time:09:00', r)).toMatchObject({ ok: false, reason: '/digest subscribe needs channel:<…>' });
    expect(parseCommandLine('/digest list now', r)).toMatchObject({ ok: false, reason: '/digest list takes no options.' });
    expect(parseCommandLine('/digest now articles:3', r)).toMatchObject({ ok: false, reason: expect.stringMatching(/Usage: \/digest now channel:<…>/) });
  });
});

describe('runConsole', () => {
  it('answers piped commands through the router as text and ends at end of input', async () => {
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    const input = Readable.from(['/summary article:putin\n', '\n', '/articles\n', 'next\n', 'next\n', '/summary article:nothing-like-this\n', '/bogus\n']);
    await runConsole({ router: router(), input, output, interactive: false });
    expect(text).toContain('> /summary article:putin');
    expect(text).toContain('== Putin meets China defense minister ==');
    expect(text).toContain('  Vladimir Putin: “We are ready”');
    expect(text).toContain('== Newest articles ==');
    expect(text).toContain('[Next ▶]');
    expect(text).toMatch(/Page 2/);
    expect(text).toContain('There is no next page.');
    expect(text).toMatch(/\(only you can see this\)\nI couldn't find an article matching “nothing-like-this”/);
    expect(text).toContain('Unknown command /bogus');
  });

  it('answers /digest with the friendly server-only message (the console has no server)', async () => {
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    const input = Readable.from(['/digest list\n', '/digest subscribe channel:#general time:09:00\n', '/digest\n']);
    await runConsole({ router: router(), input, output, interactive: false });
    const refusals = text.match(/\(only you can see this\)\nThis command only works in a server/g) ?? [];
    expect(refusals).toHaveLength(2);
    expect(text).toContain('/digest needs one of: subscribe, unsubscribe, list, preview, now');
    expect(text).not.toMatch(/something went wrong/);
  });
});
