/**
 * Whether a UTF-16 code unit is whitespace as String#trim and RegExp `\s` see it (they agree):
 * code-level loops that stand in for `trim()` or `/\s+/` must use exactly this set.
 */
export function isWhitespaceCode(code: number): boolean {
  // Printable ASCII and C1 controls first: the common case.
  if (code > 32 && code < 0xa0) return false;
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029
    || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
