/**
 * Input normalisation shared by the KYC validators (decision record 0003). Only changes that
 * cannot alter what the person meant are made here; anything else is left for the validator to
 * reject.
 */

const fullWidthFirst = 0xff01; // ！
const fullWidthLast = 0xff5e; // ～
const fullWidthOffset = 0xfee0; // ＡＢＣ… → ABC…
const ideographicSpace = 0x3000;

/**
 * Maps the full-width forms of printable ASCII (U+FF01–U+FF5E, typed by Chinese IMEs in
 * full-width mode) to ASCII, and the ideographic space U+3000 to a space. Nothing else changes:
 * NFKC would also turn ①, ² or ﬀ into digits and letters, which no one types by accident.
 */
export function foldFullWidth(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= fullWidthFirst && code <= fullWidthLast) {
      out += String.fromCharCode(code - fullWidthOffset);
    } else if (code === ideographicSpace) {
      out += ' ';
    } else {
      out += char;
    }
  }
  return out;
}

/** Full-width folding, then surrounding whitespace (any Unicode white space) removed. */
export function normalizeInput(raw: string): string {
  return foldFullWidth(raw).trim();
}

/**
 * Removes separators that group characters for reading ("4111 1111 1111 1111"). A separator is
 * accepted only singly and between two other characters; a doubled or dangling separator returns
 * undefined, because it may stand for a lost character.
 */
export function stripSeparators(text: string, separators: string): string | undefined {
  let out = '';
  let previousWasSeparator = true; // a separator at the start is dangling
  for (const char of text) {
    const isSeparator = separators.includes(char);
    if (isSeparator && previousWasSeparator) return undefined;
    if (!isSeparator) out += char;
    previousWasSeparator = isSeparator;
  }
  return previousWasSeparator && text.length > 0 ? undefined : out;
}

/** ASCII-only case mapping: `toUpperCase` would turn ß into SS and ﬀ into FF. */
export function upperAscii(text: string): string {
  return text.replace(/[a-z]/g, (c) => c.toUpperCase());
}

export function lowerAscii(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export function isDigits(text: string): boolean {
  return /^[0-9]+$/.test(text);
}
