import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/summarizer/document.ts';
import { RANKERS, leadRanker, leadStyle, offTopicShare, type Ranker } from '../../src/summarizer/rank.ts';
import { splitSentences } from '../../src/summarizer/sentences.ts';
import { keyQuotes } from '../../src/summarizer/quotes.ts';
import { isDangling, shorten, summarize, summarizeWith } from '../../src/summarizer/summarize.ts';

const seed = readFileSync(new URL('../fixtures/summarizer/seed-clean.txt', import.meta.url), 'utf8');
const seedSentences = splitSentences(seed);

describe('summarize', () => {
  it('returns 3 verbatim sentences in document order by default', () => {
    const summary = summarize(seed);
    expect(summary.sentences).toHaveLength(3);
    const positions = summary.sentences.map((s) => seedSentences.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('honours named lengths and an exact sentence count', () => {
    expect(summarize(seed, { length: 'tldr' }).sentences).toHaveLength(1);
    expect(summarize(seed, { length: 'long' }).sentences).toHaveLength(7);
    expect(summarize(seed, { sentences: 5, length: 'tldr' }).sentences).toHaveLength(5);
    expect(summarize(seed, { sentences: 50 }).sentences).toHaveLength(seedSentences.length);
  });

  it('never exceeds a word budget', () => {
    const summary = summarize(seed, { length: 'long', maxWords: 60 });
    expect(summary.summaryWords).toBeLessThanOrEqual(60);
    expect(summary.sentences.length).toBeGreaterThan(0);
    expect(summarize(seed, { maxWords: 3 }).sentences).toEqual([]);
  });

  it('reports word counts and the ratio', () => {
    const summary = summarize(seed);
    expect(summary.articleWords).toBe(buildDocument(seed).words);
    expect(summary.summaryWords).toBeGreaterThan(0);
    expect(summary.ratio).toBeCloseTo(summary.summaryWords / summary.articleWords, 10);
    expect(summarize('').ratio).toBe(0);
  });

  it('gives a headline of at most ~100 characters cut at a word boundary', () => {
    const { headline } = summarize(seed);
    expect(headline.length).toBeGreaterThan(10);
    expect(headline.length).toBeLessThanOrEqual(101);
    const words = headline.replace(/…$/u, '').split(' ');
    for (const word of words) expect(seed).toContain(word);
  });

  it('names the topic among its keywords, as surface words', () => {
    const { keywords } = summarize(seed);
    expect(keywords.length).toBeGreaterThan(2);
    expect(keywords).toEqual(expect.arrayContaining(['china']));
    for (const keyword of keywords) expect(seed.toLowerCase()).toContain(keyword);
  });

  it('never opens on a sentence that leans on a left-out antecedent', () => {
    const text = [
      'The city council approved a new budget for parks and libraries on Monday.',
      'However, the parks budget funding plan drew parks budget criticism from parks budget groups.',
      'He said the parks budget was a parks budget disaster for parks budget users.',
      'Residents can read the plan online.',
    ].join(' ');
    const favourDangling: Ranker = (doc) => Float64Array.from(doc.sentences, (s) => (isDangling(s) ? 10 - s.index : 0));
    const summary = summarizeWith(favourDangling, text, { sentences: 1 });
    expect(summary.sentences).toHaveLength(1);
    const first = buildDocument(summary.sentences[0]!).sentences[0]!;
    expect(['however', 'he']).not.toContain(first.firstWord);
  });

  it('takes its quotes from keyQuotes, computed once on first read', () => {
    const summary = summarize(seed);
    expect(summary.quotes).toEqual(keyQuotes(seed, 3));
    expect(summary.quotes).toBe(summary.quotes);
    expect(JSON.parse(JSON.stringify(summary)).quotes).toEqual(keyQuotes(seed, 3));
  });

  it('finds the same quotes in a lowercase feed, told by the summary that the text has no capitals', () => {
    const lower = seed.toLowerCase();
    expect(buildDocument(lower).hasAsciiCapital).toBe(false);
    const quotes = summarize(lower).quotes;
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes).toEqual(keyQuotes(lower, 3));
  });

  it('skips a near-duplicate sentence', () => {
    const text = 'Floods closed the main road into town. Floods closed the main road into town again. Schools will open late on Friday.';
    const summary = summarizeWith(leadRanker, text, { sentences: 2 });
    expect(summary.sentences).toEqual(['Floods closed the main road into town.', 'Schools will open late on Friday.']);
  });

  it('puts fragments without three worded content terms after every real sentence', () => {
    const text = 'Floods closed the main road into town. 2025-05-03 04:28 2092 views. Scroll down for video. Schools will open late on Friday.';
    const favoursFragments: Ranker = (doc) => Float64Array.from(doc.sentences, (s) => (s.index === 1 || s.index === 2 ? 10 : 1));
    expect(summarizeWith(favoursFragments, text, { sentences: 2 }).sentences)
      .toEqual(['Floods closed the main road into town.', 'Schools will open late on Friday.']);
    // Nothing better left: fragments still fill the asked length.
    expect(summarizeWith(favoursFragments, text, { sentences: 3 }).sentences).toHaveLength(3);
    expect(summarize('Scroll down. See more.', { sentences: 2 }).sentences).toEqual(['Scroll down.', 'See more.']);
    expect(summarizeWith(favoursFragments, text).headline).not.toMatch(/2092|Scroll/u);
  });
  it('treats NaN scores from a custom ranker as ties that keep document order', () => {
    const text = 'Floods closed the main road into town. Schools will open late on Friday. Buses will run a reduced service all week. Shops in the centre stayed shut.';
    const allNaN: Ranker = (doc) => new Float64Array(doc.sentences.length).fill(Number.NaN);
    const lead = summarizeWith(allNaN, text, { sentences: 2 });
    expect(lead.sentences).toEqual(['Floods closed the main road into town.', 'Schools will open late on Friday.']);
    expect(lead.headline).toBe('Floods closed the main road into town');
    // One NaN among numbers: still the asked length, verbatim, in document order.
    const someNaN: Ranker = (doc) => Float64Array.from(doc.sentences, (s) => (s.index === 1 ? Number.NaN : s.index));
    const mixed = summarizeWith(someNaN, text, { sentences: 3 });
    expect(mixed.sentences).toHaveLength(3);
    const all = splitSentences(text);
    expect(mixed.sentences.map((s) => all.indexOf(s))).toEqual([...mixed.sentences.map((s) => all.indexOf(s))].sort((a, b) => a - b));
    expect(mixed.sentences.every((s) => all.includes(s))).toBe(true);
  });
});

describe('rankers', () => {
  it('all share one signature and give one finite score per sentence', () => {
    const doc = buildDocument(seed);
    for (const [name, ranker] of Object.entries(RANKERS)) {
      const scores = ranker(doc);
      expect(scores, name).toHaveLength(doc.sentences.length);
      for (const score of scores) expect(Number.isFinite(score), name).toBe(true);
    }
  });

  it('reads a long article with a central lead as lead-style, a short flat one less so', () => {
    const lead = 'Storms hit the coast. Storms flooded coast towns and storms cut power on the coast.';
    const detail = Array.from({ length: 40 }, (_, i) => `The storms on the coast left town ${i} flooded and without power.`).join(' ');
    const short = 'A cat sat. A hen slept. An owl hooted. Dogs and fish swam. Fish and dogs swam far. Dogs chased fish.';
    expect(leadStyle(buildDocument(`${lead} ${detail}`))).toBeGreaterThan(leadStyle(buildDocument(short)));
  });

  it('counts the sentences that stray from the topic', () => {
    const topic = ['storms', 'flooded', 'coast', 'power', 'towns', 'rescue'];
    const focused = Array.from({ length: 12 }, (_, i) => `The ${topic[i % 6]} and ${topic[(i + 1) % 6]} and ${topic[(i + 3) % 6]} report ${i}.`).join(' ');
    const straying = `${focused} Click here. Share this page. Photos by Reuters.`;
    expect(offTopicShare(buildDocument(focused))).toBe(0);
    expect(offTopicShare(buildDocument(straying))).toBeCloseTo(3 / 15, 10);
  });
});

describe('shorten', () => {
  it('keeps short text and cuts long text at a clause or word boundary', () => {
    expect(shorten('A short line.', 100)).toBe('A short line');
    const long = 'Russian President Vladimir Putin met with China\'s defense minister on Sunday, underscoring Beijing\'s strengthening engagement with Moscow';
    const cut = shorten(long, 100);
    expect(cut).toBe('Russian President Vladimir Putin met with China\'s defense minister on Sunday');
    const noClause = shorten('word '.repeat(40), 30);
    expect(noClause.length).toBeLessThanOrEqual(30);
    expect(noClause.endsWith('…')).toBe(true);
  });

  it('drops the whole final run of sentence marks, and only that', () => {
    expect(shorten('Really?!.', 100)).toBe('Really');
    expect(shorten('U.S. wins… again?', 100)).toBe('U.S. wins… again');
    expect(shorten('?!', 100)).toBe('');
    expect(shorten('  "Done." ', 100)).toBe('"Done."');
  });
});

describe('headline', () => {
  it('is not a quotation when a narrative sentence is available', () => {
    const text = [
      '"We will not back down from this fight, whatever it costs us," the mayor said on Monday.',
      'The city council voted to keep the library open after a long public debate about its budget.',
      'The vote was close, and the budget debate will continue next year.',
    ].join('\n');
    const { headline } = summarize(text);
    expect(headline.startsWith('"')).toBe(false);
    expect(headline).toMatch(/council|vote|budget/);
  });

  it('collapses whitespace runs as the whole sentence would, wherever they are', () => {
    // A single sentence is the headline: runs of spaces, tabs or no-break spaces and final marks
    // around the ~100-character cut must cut it as if the runs were single spaces.
    const base = 'The council voted to keep the old library open after a long public debate about its budget and the staff it needs';
    let tested = 0;
    for (let at = 90; at < 108; at++) {
      for (const gap of ['  ', '\t', ' \u00a0 ', '   ', ' .', ' ?']) {
        for (let extra = 0; extra < 8; extra++) {
          for (const ending of ['', '.', ' ...', '  !']) {
            const sentence = `${base.slice(0, at)}${gap}${base.slice(at, at + extra)}${ending}`;
            if (splitSentences(sentence).length !== 1) continue; // ' .  !' ends a sentence early
            tested++;
            const expected = shorten(sentence.replace(/\s+/g, ' '), 100);
            expect(summarize(sentence).headline).toBe(expected);
          }
        }
      }
    }
    expect(tested).toBeGreaterThan(500);
  });
});
