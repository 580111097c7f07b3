/**
 * Finding rare non-Latin-1 characters (curly quote marks) in two-byte text. A regex or indexOf pass
 * costs ~0.5-1 ns a character of two-byte text (indexOf is slow for a character whose higher byte,
 * like the curly quotes' 0x20, is common), on every text that is not Latin-1, though most hold
 * none. Instead, the text is copied from its first character past Latin-1 (a one-byte text holds
 * none) as UTF-16LE code units, where the characters' low bytes (rare in text) are found by native
 * byte searches.
 */

const WIDE_CHARACTER = /[^\x00-\xff]/g;

/** Offset of the first character past Latin-1, or -1 (a one-byte text is ruled out at once). */
export function firstWideCharacter(text: string): number {
  WIDE_CHARACTER.lastIndex = 0;
  return WIDE_CHARACTER.test(text) ? WIDE_CHARACTER.lastIndex - 1 : -1;
}

/**
 * Longest tail copied (in code units): one reused buffer of 128 KB. A longer text is searched by
 * the caller's regex instead, so memory stays flat (a copy of a 10 MB text's tail would take 20 MB).
 */
export const MAX_COPIED_UNITS = 1 << 16;

/** Copies text tails as UTF-16LE code units, into a buffer reused from copy to copy. */
export class CodeUnitCopier {
  #reused: Buffer = Buffer.alloc(0);

  /** The code units of text[from...], valid until the next copy; null when longer than MAX_COPIED_UNITS. */
  copy(text: string, from: number): Buffer | null {
    const units = text.length - from;
    if (units > MAX_COPIED_UNITS) return null;
    if (this.#reused.length < 2 * units) this.#reused = Buffer.allocUnsafe(2 * MAX_COPIED_UNITS);
    const written = this.#reused.write(from === 0 ? text : text.slice(from), 0, 'utf16le');
    return this.#reused.subarray(0, written);
  }
}

/**
 * Byte offset in `units` (UTF-16LE code units) of the next code unit equal to `unit` at or after
 * byte `byte`, or -1: a native search for its low byte, a hit counting when it starts a code unit
 * whose high byte matches.
 */
export function nextCodeUnit(units: Buffer, unit: number, byte: number): number {
  const low = unit & 0xff;
  const high = unit >> 8;
  for (let at = units.indexOf(low, byte); at >= 0; at = units.indexOf(low, at + 1)) {
    if ((at & 1) === 0 && units[at + 1] === high) return at;
  }
  return -1;
}
