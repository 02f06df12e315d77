import { imageSegmentsMax } from '../../lib/limits.ts';

/**
 * Removes metadata from JPEG and PNG files: EXIF (camera, time, GPS position), XMP, IPTC,
 * comments and text chunks. The pixels are untouched. A file whose structure cannot be walked is
 * returned unchanged (it was already recognised by its signature; reviewers still see it).
 */
export function stripImageMetadata(mediaType: string, bytes: Buffer): Buffer {
  if (mediaType === 'image/jpeg') return stripJpeg(bytes) ?? bytes;
  if (mediaType === 'image/png') return stripPng(bytes) ?? bytes;
  return bytes;
}

/** APP1 (EXIF, XMP), APP12, APP13 (IPTC) and COM segments go; APP0, APP2 (ICC), APP14 stay. */
const jpegDropped = new Set([0xe1, 0xec, 0xed, 0xfe]);

function stripJpeg(bytes: Buffer): Buffer | undefined {
  const parts: Buffer[] = [bytes.subarray(0, 2)];
  let at = 2;
  for (let n = 0; n < imageSegmentsMax; n += 1) {
    if (at + 4 > bytes.length || bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xda) {
      parts.push(bytes.subarray(at)); // start of scan: the rest is image data
      return Buffer.concat(parts);
    }
    const length = bytes.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) return undefined;
    if (!jpegDropped.has(marker)) parts.push(bytes.subarray(at, end));
    at = end;
  }
  return undefined;
}

const pngDropped = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

function stripPng(bytes: Buffer): Buffer | undefined {
  const parts: Buffer[] = [bytes.subarray(0, 8)];
  let at = 8;
  for (let n = 0; n < imageSegmentsMax; n += 1) {
    if (at + 12 > bytes.length) return undefined;
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (end > bytes.length) return undefined;
    if (!pngDropped.has(type)) parts.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') return Buffer.concat(parts);
  }
  return undefined;
}
