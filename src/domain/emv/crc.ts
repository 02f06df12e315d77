/**
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor) as EMV ID 63
 * requires: over the UTF-8 bytes of the payload up to and including "6304". Computing it per
 * JavaScript char (UTF-16 unit) gets every non-ASCII payload wrong, so text is encoded first.
 */
const table: Uint16Array = buildTable();

function buildTable(): Uint16Array {
  const out = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte += 1) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit += 1) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
    out[byte] = crc;
  }
  return out;
}

const encoder = new TextEncoder();

/** The CRC of `data` as 4 uppercase hex digits ("29B1" for "123456789"). */
export function crc16ccittFalse(data: string | Uint8Array): string {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  let crc = 0xffff;
  for (const byte of bytes) {
    crc = ((crc << 8) & 0xffff) ^ (table[((crc >>> 8) ^ byte) & 0xff] ?? 0);
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}
