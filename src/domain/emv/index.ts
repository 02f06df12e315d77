export { crc16ccittFalse } from './crc.ts';
export { type MPMDataObject, parseDataObjects, serializeDataObjects } from './data-objects.ts';
export { type DecodeOptions, type MPMDecoded, decodeMPM } from './decode-mpm.ts';
export { type MPMField, encodeMPM } from './encode-mpm.ts';
export { type EMVErrorCode, type EMVWarning, emvErrorCodes } from './errors.ts';
export { type MPMJson, mpmFromJson, mpmJsonText, mpmToJson } from './mpm-json.ts';
export { type CPMNode, decodeCPM, encodeCPM } from './cpm.ts';
