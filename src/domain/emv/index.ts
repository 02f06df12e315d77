export {
  base64Decode,
  base64Encode,
  base64urlDecode,
  base64urlEncode,
  bytesToHex,
  hexToBytes,
} from './base64.ts';
export { type CPMNode, cpmFromJson, decodeCPM, encodeCPM } from './cpm.ts';
export { crc16ccittFalse } from './crc.ts';
export {
  type DataObjectInput,
  type MPMDataObject,
  codePoints,
  parseDataObjects,
  serializeDataObjects,
} from './data-objects.ts';
export { type DecodeOptions, type MPMDecoded, decodeMPM } from './decode-mpm.ts';
export { type MPMField, encodeMPM } from './encode-mpm.ts';
export { type EMVErrorCode, type EMVWarning, emvErrorCodes } from './errors.ts';
export { mpmPayloadLengthMax } from './limits.ts';
export { type MPMJson, mpmFromJson, mpmJsonText, mpmToJson } from './mpm-json.ts';
export { recognizeScheme } from './schemes.ts';
