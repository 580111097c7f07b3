import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArticleListing } from '../../src/articles/types.ts';
import {
  articleChoice,
  articleFooter,
  articlesPageMessage,
  embedLength,
  escapeText,
  fitEmbed,
  fitText,
  limits,
  message,
  pageCustomId,
  parsePageCustomId,
  quotesEmbed,
  renderText,
  splitSentences,
  summaryEmbed,
} from '../../src/discord/format.ts';
import type { Summary } from '../../src/summarizer/types.ts';

const listing: ArticleListing = {
  id: 7,
  title: 'Putin meets China defense minister',
  source: '/srv/articles/putin.txt',
  byline: 'Blake Preston',
  publishedAt: '2023-04-16T10:00:00Z',
  addedAt: '2024-01-01T00:00:00Z',
};

function summaryOf(parts: Partial<Summary>): Summary {
  return { headline: 'Headline', sentences: ['One.'], keywords: [], quotes: [], articleWords: 10, summaryWords: 1, ratio: 0.1, ...parts };
}

describe('splitSentences', () => {
  it('splits after . ! ? and closing quotes, not inside numbers or words', () => {
    expect(splitSentences('He said “No.” Then he left! Pay 3.5 now?  Yes')).toEqual(['He said “No.”', 'Then he left!', 'Pay 3.5 now?', 'Yes']);
  });
});

describe('fitText', () => {
  it('returns text that fits unchanged', () => {
    expect(fitText('Short text.', 50)).toBe('Short text.');
  });

  it('cuts at the last sentence boundary when that keeps at least half', () => {
    const text = 'The first sentence is here. The second one runs on and on past the limit.';
    expect(fitText(text, 40)).toBe('The first sentence is here.');
  });

  it('keeps closing quotes with their sentence', () => {
    const text = 'He said "we are ready." Then the meeting went on for a long while after that.';
    expect(fitText(text, 40)).toBe('He said "we are ready."');
  });

  it('cuts at a word boundary with an ellipsis when no sentence end fits', () => {
    const text = 'one two three four five six seven eight nine ten';
    const out = fitText(text, 20);
    expect(out).toBe('one two three four…');
    expect(out.length).toBeLessThanOrEqual(20);
  });

  it('prefers a word cut over a tiny first sentence', () => {
    const text = 'Hi. this sentence is much longer than the little greeting before it';
    const out = fitText(text, 40);
    expect(out.endsWith('…')).toBe(true);
    expect(out.length).toBeGreaterThan(20);
  });

  it('hard-cuts only a single word longer than the room, never splitting a surrogate pair', () => {
    expect(fitText('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`);
    const emoji = '😀'.repeat(10); // 20 UTF-16 units
    const out = fitText(emoji, 6);
    expect(out.length).toBeLessThanOrEqual(6);
    expect(out).toBe('😀😀…');
  });

  it('handles tiny limits', () => {
    expect(fitText('hello world', 0)).toBe('');
    expect(fitText('hello world', 1)).toBe('…');
  });

  it('never exceeds the limit and never ends inside a word (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('alpha', 'beta.', 'gamma!', 'delta?"', 'epsilon,', 'zeta'), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 2, max: 200 }),
        (words, max) => {
          const text = words.join(' ');
          const out = fitText(text, max);
          expect(out.length).toBeLessThanOrEqual(max);
          if (out === text) return;
          const kept = out.endsWith('…') ? out.slice(0, -1) : out;
          expect(text.startsWith(kept)).toBe(true);
          // The character after the kept part is whitespace (a word boundary), unless one word alone was too long.
          const next = text.charAt(kept.length);
          if ((words[0] ?? '').length < max) expect(next === '' || /\s/.test(next) || /[,;:]/.test(next)).toBe(true);
        },
      ),
    );
  });
});

describe('escapeText', () => {
  it('escapes markdown and neutralises mentions', () => {
    const out = escapeText('**bold** _x_ [link](http://a) @everyone @here <@123> <@&456> <#789>\n# heading\n> quote');
    expect(out).toContain('\\*\\*bold\\*\\*');
    expect(out).toContain('\\[link]');
    expect(out).not.toMatch(/@everyone|@here/);
    expect(out).not.toMatch(/<@\d|<@&\d|<#\d/);
    expect(out).toContain('\\# heading');
    expect(out).toContain('\\> quote');
  });
});

describe('embeds', () => {
  it('builds the summary embed: headline, text, two quotes with speakers, footer', () => {
    const embed = summaryEmbed(
      { ...listing, title: 'Putin meets *China* defense minister' },
      summaryOf({
        headline: 'A headline picked from the text',
        sentences: ['Putin met Li.', 'They talked.'],
        quotes: [
          { text: 'We are working actively', speaker: 'Vladimir Putin' },
          { text: 'They rest on nonalignment', speaker: 'Li Shangfu' },
          { text: 'A third quote', speaker: null },
        ],
      }),
    );
    expect(embed.title).toBe('Putin meets \\*China\\* defense minister');
    expect(embed.description).toBe('Putin met Li. They talked.');
    expect(embed.fields?.map((f) => f.name)).toEqual(['Vladimir Putin', 'Li Shangfu']);
    expect(embed.fields?.[0]?.value).toBe('“We are working actively”');
    expect(embed.footer?.text).toBe('putin.txt · Blake Preston · 2023-04-16');
  });

  it('titles the summary with the summarizer headline only when the article has no title', () => {
    expect(summaryEmbed({ ...listing, title: '  ' }, summaryOf({ headline: 'From the text' })).title).toBe('From the text');
  });

  it('keeps URLs as the source and falls back to the added date', () => {
    expect(articleFooter({ source: 'https://example.com/a', byline: null, publishedAt: null, addedAt: '2024-02-03T00:00:00Z' })).toBe(
      'https://example.com/a · 2024-02-03',
    );
  });

  it('respects every limit for huge inputs', () => {
    const long = 'This is a long sentence about the news of the day. '.repeat(400);
    const embed = summaryEmbed(
      { ...listing, title: long, byline: long },
      summaryOf({ headline: long, sentences: [long], quotes: [{ text: long, speaker: long }, { text: long, speaker: null }] }),
    );
    expect(embed.title!.length).toBeLessThanOrEqual(limits.embedTitle);
    expect(embed.description!.length).toBeLessThanOrEqual(limits.embedDescription);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(limits.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(limits.fieldValue);
    }
    expect(embedLength(embed)).toBeLessThanOrEqual(limits.embedTotal);
  });

  it('fitEmbed drops fields beyond 25 and shrinks to the 6000 total', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ name: `Field ${i}`, value: 'v '.repeat(600) }));
    const embed = fitEmbed({ title: 'T', description: 'word '.repeat(900), fields });
    expect(embed.fields!.length).toBeLessThanOrEqual(25);
    expect(embedLength(embed)).toBeLessThanOrEqual(6000);
  });

  it('quotes embed lists every quote, says when there are none', () => {
    const withQuotes = quotesEmbed(listing, [
      { text: 'one', speaker: 'A Person' },
      { text: 'two', speaker: null },
    ]);
    expect(withQuotes.fields?.map((f) => f.name)).toEqual(['A Person', 'Unattributed']);
    expect(quotesEmbed(listing, []).description).toMatch(/No direct quotes/);
  });

  it('every message disables mentions and fits content to 2000', () => {
    const m = message({ content: 'word '.repeat(1000) });
    expect(m.allowedMentions).toEqual({ parse: [] });
    expect(m.content!.length).toBeLessThanOrEqual(2000);
  });
});

describe('article pages', () => {
  const items = Array.from({ length: 3 }, (_, i) => ({ ...listing, id: i + 1, title: `Title ${i + 1}` }));

  it('custom ids round-trip and stay within 100 characters', () => {
    expect(parsePageCustomId(pageCustomId(3, 'china trade'))).toEqual({ page: 3, query: 'china trade' });
    expect(parsePageCustomId(pageCustomId(0, null))).toEqual({ page: 0, query: null });
    const long = pageCustomId(12, 'q'.repeat(300));
    expect(long.length).toBeLessThanOrEqual(100);
    expect(parsePageCustomId('articles:page:x:')).toBeNull();
    expect(parsePageCustomId('summary:page:1:')).toBeNull();
  });

  it('renders a page with previous disabled on the first page and next when more exist', () => {
    const msg = articlesPageMessage({ items, page: 0, hasNext: true, query: 'china' }, 10);
    const buttons = msg.components![0]!.components;
    expect(buttons.map((b) => [b.label, b.disabled])).toEqual([
      ['◀ Previous', true],
      ['Next ▶', false],
    ]);
    expect(parsePageCustomId(buttons[1]!.custom_id)).toEqual({ page: 1, query: 'china' });
    expect(new Set(buttons.map((b) => b.custom_id)).size).toBe(2);
    expect(msg.embeds![0]!.description).toContain('**1.** Title 1');
  });

  it('numbers items across pages and disables next on the last page', () => {
    const msg = articlesPageMessage({ items, page: 2, hasNext: false, query: null }, 10);
    expect(msg.embeds![0]!.description).toContain('**21.** Title 1');
    expect(msg.components![0]!.components[1]!.disabled).toBe(true);
    expect(parsePageCustomId(msg.components![0]!.components[0]!.custom_id)).toEqual({ page: 1, query: null });
  });

  it('says so when nothing matched', () => {
    const msg = articlesPageMessage({ items: [], page: 0, hasNext: false, query: 'zzz' }, 10);
    expect(msg.embeds![0]!.description).toBe('No articles found.');
    expect(msg.components).toBeUndefined();
  });
});

describe('autocomplete choices and text rendering', () => {
  it('choice names stay within 100 characters, value is the id', () => {
    const choice = articleChoice({ ...listing, title: 'A very long headline '.repeat(20) });
    expect(choice.name.length).toBeLessThanOrEqual(100);
    expect(choice.value).toBe('7');
  });

  it('renders embeds as plain text without escapes', () => {
    const text = renderText(
      message({ embeds: [{ title: 'Hello \\*world\\*', description: '**1.** item', fields: [{ name: 'Speaker', value: '“quote”' }], footer: { text: 'src' } }] }),
    );
    expect(text).toBe('== Hello *world* ==\n1. item\n  Speaker: “quote”\n-- src');
  });
});
