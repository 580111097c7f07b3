import { decodeHTML } from 'entities';

/** Characters that render as a space (NBSP, thin spaces, ideographic space...) or not at all. */
const UNUSUAL_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
const SPACE_RUN = / {2,}/g;

/**
 * Decodes HTML entities and normalizes whitespace; keeps line breaks (they carry the structure).
 * Every step shortens or keeps length, so the result is never longer than the input.
 */
export function normalizeText(raw: string): string {
  let text = raw.includes('&') ? decodeHTML(raw) : raw;
  text = text.replace(/\r\n?/g, '\n').replace(UNUSUAL_SPACE, ' ').replace(INVISIBLE, '').replace(CONTROL, '');
  return text.replace(SPACE_RUN, ' ');
}

/** w3m list bullets and similar markers at the start of a line. */
const LEADING_BULLET = /^(?:[•□■▪◦●○‣∙·*◆►▸]\s*)+/u;

export interface RawLine {
  readonly text: string;
  /** The line started with a list bullet (menus and link lists usually do). */
  readonly bulleted: boolean;
}

/** Splits normalized text into trimmed non-empty lines, remembering which were list items. */
export function splitLines(text: string): RawLine[] {
  const lines: RawLine[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const withoutBullet = trimmed.replace(LEADING_BULLET, '');
    if (withoutBullet === '') continue;
    lines.push({ text: withoutBullet, bulleted: withoutBullet.length !== trimmed.length });
  }
  return lines;
}
