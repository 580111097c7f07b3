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
