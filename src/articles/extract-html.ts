import { cleanArticleText } from './clean.ts';
export interface ExtractedPage { readonly title: string | null; readonly byline: string | null; readonly publishedAt: string | null; readonly text: string; }
export function extractArticleFromHtml(html: string, url?: string): ExtractedPage {
  void url;
  return { title: null, byline: null, publishedAt: null, text: cleanArticleText(html).text };
}
