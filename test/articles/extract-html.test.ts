import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractArticleFromHtml } from '../../src/articles/extract-html.ts';

const page = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'articles', 'page.html'), 'utf8');

describe('extractArticleFromHtml', () => {
  const extracted = extractArticleFromHtml(page, 'https://gazette.example/harbor-bridge');

  it('keeps the article paragraphs in order, entities decoded', () => {
    const paragraphs = extracted.text.split('\n');
    expect(paragraphs[0]).toMatch(/^The Harbor Street bridge reopened/);
    expect(extracted.text).toContain('roughly $1.2 million under the original budget');
    expect(extracted.text).toContain('“Commuters have been patient, and we’re grateful,” said Mayor Lena Ortiz');
    expect(extracted.text).toContain('"Yes," he said.');
    expect(paragraphs.at(-1)).toMatch(/removed from the neighborhood streets\.$/);
  });

  it('drops menus, cookie banner, share links, related stories, footer and scripts', () => {
    for (const noise of ['Home', 'cookies', 'Share on', 'Related stories', 'ferry terminal', 'Copyright', 'window.tracking', 'color: red']) {
      expect(extracted.text).not.toContain(noise);
    }
  });

  it('takes title, byline and publication time from the page', () => {
    expect(extracted.title).toBe('Harbor bridge reopens after repairs');
    expect(extracted.byline).toContain('Dana Whitfield');
    expect(extracted.publishedAt).toBe('2024-03-05T14:30:00.000Z');
  });

  it('drops image captions, share bars, author boxes and linked teasers inside the article container', () => {
    const paragraph = (n: number) => `<p>Paragraph ${n} of the report describes how the harbor authority rebuilt the old pier, which residents had used for decades, and what comes next for the waterfront district.</p>`;
    const html = `<html><body><article class="article-content">
      ${paragraph(1)}
      <figure><img src="pier.jpg"><figcaption>The rebuilt pier at dawn. Photo: Harbor Authority archive collection</figcaption></figure>
      ${paragraph(2)}
      <div class="share-bar"><a href="#">Share this story with your friends on every network</a></div>
      ${paragraph(3)}
      ${paragraph(4)}
      <p><strong><a href="/other">MAYOR ANNOUNCES PLAN FOR A NEW RIVERSIDE PARK NEXT SPRING</a></strong></p>
      <p>Residents can read <a href="/report">the full engineering report</a> online.</p>
      <div class="author-box"><p>Dana Whitfield covers city hall, transport and the waterfront for the Gazette since 2011.</p></div>
    </article></body></html>`;
    const text = extractArticleFromHtml(html).text;
    for (const n of [1, 2, 3, 4]) expect(text).toContain(`Paragraph ${n} of the report`);
    expect(text).not.toContain('rebuilt pier at dawn');
    expect(text).not.toContain('Share this story');
    expect(text).not.toContain('covers city hall');
    expect(text).not.toContain('RIVERSIDE PARK');
    expect(text).toContain('Residents can read the full engineering report online.');
  });

  it('returns nulls and empty text for a page without an article', () => {
    const empty = extractArticleFromHtml('<html><body><nav><a href="/">Home</a></nav></body></html>');
    expect(empty.text).toBe('');
    expect(empty.publishedAt).toBeNull();
  });

  it('never throws on arbitrary or broken HTML', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom('<p>', '</p>', '<div', '<!--', '<script>', '&amp', '<title>x', '<<>>'), fc.string({ maxLength: 40 })), { maxLength: 40 }),
        (parts) => {
          const result = extractArticleFromHtml(parts.join(''));
          expect(typeof result.text).toBe('string');
        },
      ),
      { numRuns: 100 },
    );
  });
});
