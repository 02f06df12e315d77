import { type Failure, type Result, fail, ok } from '../../lib/result.ts';
import { base64Decode, base64Encode, bytesToHex, hexToBytes } from './base64.ts';
import type { EMVErrorCode } from './errors.ts';
import { cpmBytesMax, cpmDepthMax } from './limits.ts';

/**
 * EMV QRCPS Consumer-Presented Mode: Base64 of BER-TLV. 85 = "CPV01" first, then one or more
 * application templates 61 (4F ADF name, 57 track 2, 5A PAN, 63 transparent data…), optionally
 * a common data template 62. Tags and values are uppercase hex; `text` is added for the
 * printable ASCII values of 85, 50, 5F20 and 5F2D. `position` in failures is a byte offset
 * into the decoded bytes (a character index for Base64 errors).
 */
export type CPMNode =
  | { readonly tag: string; readonly value: string; readonly text?: string }
  | { readonly tag: string; readonly children: readonly CPMNode[] };

const textTags = new Set(['85', '50', '5F20', '5F2D']);
const formatIndicatorHex = bytesToHex(new TextEncoder().encode('CPV01'));
type CPMFailure = Failure<EMVErrorCode>;

export function decodeCPM(base64: string): Result<CPMNode[], EMVErrorCode> {
  const charsMax = Math.ceil(cpmBytesMax / 3) * 4;
  if (typeof base64 !== 'string' || base64.length === 0 || base64.length > charsMax) {
    const message = `expected 1–${charsMax} Base64 characters`;
    return fail('emv_cpm_base64_invalid', message, { position: 0 });
  }
  const bytes = base64Decode(base64);
  if (!bytes) {
    const at = base64.search(/[^A-Za-z0-9+/=]/);
    const message = 'not canonical Base64';
    return fail('emv_cpm_base64_invalid', message, { position: at >= 0 ? at : base64.length });
  }
  const parsed = parseNodes(bytes, 0, bytes.length, 0);
  if (!parsed.ok) return parsed;
  const checked = checkCPMStructure(parsed.value);
  return checked ?? ok(parsed.value);
}

function checkCPMStructure(nodes: readonly CPMNode[]): CPMFailure | null {
  const first = nodes[0];
  if (first?.tag !== '85' || !('value' in first) || first.value !== formatIndicatorHex) {
    const message = 'a consumer-presented payload starts with 85 = "CPV01"';
    return fail('emv_cpm_format_indicator_invalid', message, { position: 0 });
  }
  if (!nodes.some((n) => n.tag === '61' && 'children' in n)) {
    const message = 'at least one application template (61) is mandatory';
    return fail('emv_cpm_application_missing', message, { position: 0 });
  }
  return null;
}

function tlvFailure(message: string, position: number): CPMFailure {
  return fail('emv_cpm_tlv_invalid', message, { position });
}

function parseNodes(
  bytes: Uint8Array,
  start: number,
  end: number,
  depth: number,
): Result<CPMNode[], EMVErrorCode> {
  if (depth > cpmDepthMax) return tlvFailure(`templates nest deeper than ${cpmDepthMax}`, start);
  const nodes: CPMNode[] = [];
  let at = start;
  while (at < end) {
    const header = readHeader(bytes, at, end);
    if (!header.ok) return header;
    const { tag, constructed, valueStart, valueEnd } = header.value;
    if (constructed) {
      const children = parseNodes(bytes, valueStart, valueEnd, depth + 1);
      if (!children.ok) return children;
      nodes.push({ tag, children: children.value });
    } else {
      nodes.push(primitive(tag, bytes.subarray(valueStart, valueEnd)));
    }
    at = valueEnd;
  }
  return ok(nodes);
}

function primitive(tag: string, value: Uint8Array): CPMNode {
  const hex = bytesToHex(value);
  const printable = value.every((b) => b >= 0x20 && b < 0x7f);
  if (!textTags.has(tag) || !printable) return { tag, value: hex };
  return { tag, value: hex, text: String.fromCharCode(...value) };
}

interface Header {
  tag: string;
  constructed: boolean;
  valueStart: number;
  valueEnd: number;
}

/** A tag of 1–3 bytes (subsequent bytes while bit 8 is set), then a definite length. */
function readHeader(bytes: Uint8Array, start: number, end: number): Result<Header, EMVErrorCode> {
  const first = bytes[start] ?? 0;
  let at = start + 1;
  if ((first & 0x1f) === 0x1f) {
    while (at < end && at - start < 3 && ((bytes[at] ?? 0) & 0x80) !== 0) at += 1;
    at += 1;
    const last = bytes[at - 1] ?? 0x80;
    if (at > end || (last & 0x80) !== 0) return tlvFailure('a tag is malformed or cut off', start);
  }
  const tag = bytesToHex(bytes.subarray(start, at));
  const length = readLength(bytes, at, end);
  if (!length) return tlvFailure('a length is missing or not in definite form', at);
  const valueEnd = length.valueStart + length.length;
  if (valueEnd > end) return tlvFailure(`tag ${tag}'s value runs past its container`, at);
  const constructed = (first & 0x20) !== 0;
  return ok({ tag, constructed, valueStart: length.valueStart, valueEnd });
}

function readLength(
  bytes: Uint8Array,
  at: number,
  end: number,
): { length: number; valueStart: number } | null {
  if (at >= end) return null;
  const first = bytes[at] ?? 0;
  if (first < 0x80) return { length: first, valueStart: at + 1 };
  const count = first & 0x7f;
  if (count === 0 || count > 2 || at + count >= end) return null;
  let length = 0;
  for (let k = 1; k <= count; k += 1) length = (length << 8) | (bytes[at + k] ?? 0);
  return { length, valueStart: at + 1 + count };
}

/**
 * Encodes nodes to Base64 BER-TLV and returns it only if decodeCPM accepts it. A node with
 * `children` needs a constructed tag (bit 6 of its first byte), one with `value` a primitive.
 */
export function encodeCPM(nodes: readonly CPMNode[]): Result<string, EMVErrorCode> {
  const bytes = encodeNodes(nodes, 0);
  if (!bytes.ok) return bytes;
  if (bytes.value.length > cpmBytesMax) {
    return tlvFailure(`the payload exceeds ${cpmBytesMax} bytes`, cpmBytesMax);
  }
  const text = base64Encode(bytes.value);
  const decoded = decodeCPM(text);
  return decoded.ok ? ok(text) : decoded;
}

function encodeNodes(nodes: readonly CPMNode[], depth: number): Result<Uint8Array, EMVErrorCode> {
  if (depth > cpmDepthMax) return tlvFailure(`templates nest deeper than ${cpmDepthMax}`, 0);
  const parts: number[] = [];
  for (const node of nodes) {
    const tag = typeof node.tag === 'string' ? hexToBytes(node.tag) : null;
    const isTemplate = 'children' in node;
    if (!tag || !validTag(tag) || (((tag[0] ?? 0) & 0x20) !== 0) !== isTemplate) {
      const kind = isTemplate ? 'constructed' : 'primitive';
      return tlvFailure(`tag "${String(node.tag)}" is not a valid ${kind} BER-TLV tag`, 0);
    }
    const value = isTemplate ? encodeNodes(node.children, depth + 1) : hexValue(node);
    if (!value.ok) return value;
    if (value.value.length > cpmBytesMax) return tlvFailure(`tag ${node.tag} is too long`, 0);
    parts.push(...tag, ...lengthBytes(value.value.length), ...value.value);
  }
  return ok(Uint8Array.from(parts));
}

function hexValue(node: { tag: string; value: string }): Result<Uint8Array, EMVErrorCode> {
  const bytes = typeof node.value === 'string' ? hexToBytes(node.value) : null;
  return bytes ? ok(bytes) : tlvFailure(`tag ${node.tag}'s value is not hex`, 0);
}

function validTag(tag: Uint8Array): boolean {
  const first = tag[0];
  if (first === undefined || tag.length > 3) return false;
  if ((first & 0x1f) !== 0x1f) return tag.length === 1;
  for (let i = 1; i < tag.length; i += 1) {
    const more = ((tag[i] ?? 0) & 0x80) !== 0;
    if (more !== i < tag.length - 1) return false;
  }
  return tag.length > 1;
}

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  if (length <= 0xff) return [0x81, length];
  return [0x82, length >> 8, length & 0xff];
}

/** Nodes for encodeCPM from JSON shaped as decodeCPM prints it (`text` is ignored). */
export function cpmFromJson(json: unknown, depth = 0): Result<CPMNode[], EMVErrorCode> {
  if (!Array.isArray(json) || depth > cpmDepthMax) {
    return tlvFailure('expected an array of {tag, value} or {tag, children}', 0);
  }
  const nodes: CPMNode[] = [];
  for (const item of json as unknown[]) {
    const node = nodeFromJson(item, depth);
    if (!node.ok) return node;
    nodes.push(node.value);
  }
  return ok(nodes);
}

function nodeFromJson(item: unknown, depth: number): Result<CPMNode, EMVErrorCode> {
  const record = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
  const { tag, value, children } = record;
  if (typeof tag === 'string' && typeof value === 'string' && children === undefined) {
    return ok({ tag, value });
  }
  if (typeof tag === 'string' && value === undefined && children !== undefined) {
    const inner = cpmFromJson(children, depth + 1);
    return inner.ok ? ok({ tag, children: inner.value }) : inner;
  }
  return tlvFailure('each node is {tag, value} or {tag, children}', 0);
}
