/**
 * Base64 (RFC 4648 §4) and base64url (§5) without Buffer, so the domain runs in a browser too.
 * Decoders return null for anything that is not canonical text of their alphabet.
 */
const standard = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const urlSafe = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function encodeWith(alphabet: string, bytes: Uint8Array, pad: boolean): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k += 1) out += alphabet[(n >>> (18 - 6 * k)) & 63];
  }
  return pad ? out.padEnd(Math.ceil(out.length / 4) * 4, '=') : out;
}

function decodeWith(alphabet: string, text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let acc = 0;
  let at = 0;
  for (const ch of text) {
    const v = alphabet.indexOf(ch);
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at] = (acc >>> bits) & 0xff;
      at += 1;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) return null; // non-zero trailing bits: not canonical
  return out;
}

export function base64Encode(bytes: Uint8Array): string {
  return encodeWith(standard, bytes, true);
}

/** Padding is optional; returns null for other characters or a misplaced "=". */
export function base64Decode(text: string): Uint8Array | null {
  const body = text.replace(/={1,2}$/, '');
  if (text.length !== body.length && text.length % 4 !== 0) return null;
  return decodeWith(standard, body);
}

/** Unpadded base64url, as JOSE and the signed QR code use it. */
export function base64urlEncode(bytes: Uint8Array): string {
  return encodeWith(urlSafe, bytes, false);
}

export function base64urlDecode(text: string): Uint8Array | null {
  return decodeWith(urlSafe, text);
}

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).toUpperCase().padStart(2, '0');
  return out;
}

export function hexToBytes(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) {
    out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  }
  return out;
}
