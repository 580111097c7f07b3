import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanArticleText } from '../../src/articles/clean.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'articles');
const seed = readFileSync(join(fixtures, 'seed.txt'), 'utf8');

const article = [
  'The city council voted on Tuesday to expand the downtown bus network, adding three routes that will run every ten minutes during the morning and evening rush hours.',
  'Transit officials said the new routes would serve neighborhoods that have waited years for reliable service, and that the first buses would run in early spring.',
  'Critics argued the plan does too little for riders outside the city center, where buses still come only twice an hour on most weekday afternoons.',
];

describe('cleanArticleText on the seed page', () => {
  const result = cleanArticleText(seed);
  const paragraphs = result.text.split('\n');

  it('keeps exactly the seven article paragraphs', () => {
    const expected = seed
      .split('\n')
      .slice(0, 7)
      .map((line) => line.replace('on Blake PrestonSunday', 'on Sunday').trim());
    expect(paragraphs).toEqual(expected);
  });

  it('removes the glued byline and returns it', () => {
    expect(result.byline).toBe('Blake Preston');
    expect(result.text).toContain('minister on Sunday, underscoring');
    expect(result.text).not.toContain('Blake');
  });

  it('drops view counters and teasers cut mid-word', () => {
    expect(result.text).not.toMatch(/\d+ view/);
    expect(result.text).not.toContain('teams are beginning to s');
    expect(result.text).not.toContain('LOS ANGELES');
    expect(result.text).not.toContain('While per');
  });
});

describe('cleanArticleText noise kinds', () => {
  const withNoise = (noiseBefore: readonly string[], noiseAfter: readonly string[] = []) =>
    cleanArticleText([...noiseBefore, ...article, ...noiseAfter].join('\n'));

  it('drops menus and share buttons', () => {
    const result = withNoise(['• Home', '• News', '• Sports', '• Opinion', 'Share', 'Facebook', 'Twitter', 'Email']);
    expect(result.text.split('\n')).toEqual(article);
  });

  it('drops subscribe, cookie and "Read more" lines', () => {
    const result = withNoise(
      ['We use cookies to improve your experience.', 'Subscribe to our newsletter'],
      ['Read more', 'Sign up for our daily newsletter', 'Copyright © 2024 Example Media. All rights reserved.'],
    );
    expect(result.text.split('\n')).toEqual(article);
  });

  it('drops related-story lists after the article', () => {
    const result = withNoise(
      [],
      [
        'Related stories',
        'Mayor announces plan for new riverside park',
        'High school team wins state title in overtime thriller',
        'Comments',
        'This is ridiculous, the buses are always late and nobody in charge seems to care about it at all.',
      ],
    );
    expect(result.text.split('\n')).toEqual(article);
  });

  it('drops reader comments after a short article', () => {
    const shortArticle = article[0] ?? '';
    const comments = [
      'Milan Griffes on September 12, 2018 at 4:47 pm said:',
      'I read the whole report and I still do not understand why the routes skip the east side of the river entirely.',
      'It seems to me that the council should publish the ridership numbers before it commits to any of these new routes.',
      'Catherine on September 13, 2018 at 5:23 pm said:',
      'Thanks for the question. We have asked the transit authority for the ridership data and will post it when it arrives.',
      'joetoronto says:',
      'Every single one of these plans has been announced before and nothing ever changes for the people who ride the bus daily.',
    ];
    expect(cleanArticleText([shortArticle, ...comments].join('\n')).text).toBe(shortArticle);
  });

  it('keeps an article line that introduces a quote with "said:"', () => {
    const text = [article[0], 'The mayor said:', '"We will not stop until every neighborhood has a bus every ten minutes."', article[1]].join('\n');
    expect(cleanArticleText(text).text).toBe(text);
  });

  it('drops a list of teaser excerpts that trail off in an ellipsis, but keeps one such paragraph', () => {
    const excerpts = [
      'Council approves new budget for the coming year NEW YORK: The city council approved a budget that includes new spending on...',
      'Schools reopen after the storm BOSTON: All schools in the district reopened on Monday after the storm knocked out power to...',
      'Police arrest suspect in bank robbery CHICAGO: Police on Tuesday arrested a man suspected of robbing three banks in the...',
      'Airport expansion delayed again DENVER: The long-planned expansion of the airport has been delayed for another year as the...',
    ];
    expect(cleanArticleText([...excerpts, ...article].join('\n')).text.split('\n')).toEqual(article);
    const trailing = [...article, 'And then, as the last bus pulled away from the depot, the driver simply said that he would be back...'];
    expect(cleanArticleText(trailing.join('\n')).text.split('\n')).toEqual(trailing);
  });

  it('drops labelled links to other stories inside the article', () => {
    const text = [article[0], 'RELATED: Mayor announces plan for new riverside park', article[1], 'Read more: Bus fares rise', article[2]].join('\n');
    expect(cleanArticleText(text).text.split('\n')).toEqual(article);
  });

  it('drops timestamp, view-count and editing-credit lines', () => {
    const result = withNoise(['2025-05-03 04:282092 view', 'Updated: 5:50 PM'], ['(Reporting by Jane Roe; editing by John Poe)']);
    expect(result.text.split('\n')).toEqual(article);
  });

  it('drops date, reading-time and print/reprint lines', () => {
    const result = withNoise(['Tuesday, March 5, 2024 | 14:30 GMT', 'Tempo de leitura: 1 minuto', 'Order Reprints', 'Print Article']);
    expect(result.text.split('\n')).toEqual(article);
  });

  it('drops menu entries glued into one line and dated byline lines', () => {
    const result = withNoise(
      ['100 People You Should Know ShowcaseAnnual Report Card ShowcaseBest of Breed ShowcaseCloud Learning CenterPartner Programs Guide', 'By HNN Staff | November 18, 2019 at 2:26 PM HST'],
      ['Share to LinkedInLinkedInShare to FacebookFacebookShare to TwitterTwitter'],
    );
    expect(result.text.split('\n')).toEqual(article);
  });

  it('takes the byline from a "By" line and drops the line', () => {
    const result = withNoise(['By Meg James']);
    expect(result.byline).toBe('Meg James');
    expect(result.text).not.toContain('Meg James');
  });

  it('collapses repeated whitespace and decodes HTML entities', () => {
    const result = cleanArticleText(
      `${article[0]}\n\n\n   Officials said the plan costs &#36;12 million &amp; will be &ldquo;worth it&rdquo;,\u00a0\u00a0according   to the report.\n${article[1]}`,
    );
    expect(result.text).toContain('Officials said the plan costs $12 million & will be “worth it”, according to the report.');
    expect(result.text).not.toMatch(/ {2}|\n\n/);
  });
});

describe('cleanArticleText keeps real sentences', () => {
  it('keeps short sentences, quotes and headings inside the article', () => {
    const text = [article[0], '"Yes," he said.', article[1], 'WHAT COMES NEXT', article[2]].join('\n');
    expect(cleanArticleText(text).text).toBe(text);
  });

  it('keeps a numbered list the article introduces, with its links', () => {
    const intro = 'Here are the deals from this week that readers of the transit newsletter asked us about the most, in order:';
    const items = ['1) Monthly bus pass, 20% off', 'http://example.com/pass', '2) Bike share yearly plan', 'http://example.com/bike', '3) Ferry ten-ride card'];
    const text = [...article, intro, ...items, '• Home', '• Contact'].join('\n');
    expect(cleanArticleText(text).text.split('\n')).toEqual([...article, intro, ...items]);
  });

  it('keeps a short article that has no long paragraph at all', () => {
    expect(cleanArticleText('"Yes," he said.').text).toBe('"Yes," he said.');
  });

  it('keeps quantity rows and links inside a region an HTML extractor chose', () => {
    const text = [article[0], 'Ingredients', '1 tsp cinnamon', '1/2 tsp ground cloves', 'http://example.com/recipe', article[1], 'Rockledge 14 11 6 15 — 44', article[2]].join('\n');
    expect(cleanArticleText(text, { preselected: true }).text).toBe(text);
  });

  it('keeps repeated short attribution lines inside an extracted region', () => {
    const attribution = '— The City Council (@citycouncil) October 9, 2018';
    const text = [article[0], attribution, article[1], attribution, article[2]].join('\n');
    expect(cleanArticleText(text, { preselected: true }).text).toBe(text);
  });

  it('keeps short opening lines of an extracted region but not its dateline', () => {
    const text = ['Nov. 20, 2019 5:52 AM EST', 'Speed codes for the game', 'player.setav speedmult 100', ...article].join('\n');
    expect(cleanArticleText(text, { preselected: true }).text.split('\n')).toEqual(['Speed codes for the game', 'player.setav speedmult 100', ...article]);
  });

  it('returns empty text for empty or blank input', () => {
    expect(cleanArticleText('')).toEqual({ text: '', byline: null });
    expect(cleanArticleText(' \n\t\n ').text).toBe('');
  });
});

describe('cleanArticleText properties', () => {
  it('never throws and never returns text longer than its input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (raw) => {
        const result = cleanArticleText(raw);
        expect(result.text.length).toBeLessThanOrEqual(raw.length);
      }),
      { numRuns: 300 },
    );
  });

  it('never grows line-structured noisy input either', () => {
    const line = fc.oneof(
      fc.constantFrom('• Home', 'Share', '&amp;&lt;&#36;', 'By Jane Doe', '2025-05-03 04:282092 view', 'Related stories', '"Yes," he said.'),
      fc.string({ maxLength: 200 }),
      fc.constant(article[0] ?? ''),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const raw = lines.join('\n');
        expect(cleanArticleText(raw).text.length).toBeLessThanOrEqual(raw.length);
      }),
      { numRuns: 200 },
    );
  });

  it('cleans a 10 MB input quickly (linear time)', () => {
    const page = `${seed}\n• Home\nShare\n${'x'.repeat(5000)}\n`;
    const big = page.repeat(Math.ceil(10_000_000 / page.length));
    const started = performance.now();
    const result = cleanArticleText(big);
    const elapsed = performance.now() - started;
    expect(result.text.length).toBeGreaterThan(0);
    // Well under the 2 s budget on an idle machine; generous because the test machine is shared.
    expect(elapsed).toBeLessThan(6000);
  });
});
