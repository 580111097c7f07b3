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
    expect(text).toContain('== Putin meets Li ==');
    expect(text).toContain('  Vladimir Putin: “We are ready”');
    expect(text).toContain('== Newest articles ==');
    expect(text).toContain('[Next ▶]');
    expect(text).toMatch(/Page 2/);
    expect(text).toContain('There is no next page.');
    expect(text).toMatch(/\(only you can see this\)\nI couldn't find an article matching “nothing-like-this”/);
    expect(text).toContain('Unknown command /bogus');
  });
});
