/** EMV QRCPS MPM: a payload holds at most 512 characters. */
export const mpmPayloadLengthMax = 512;
/** A data object's length field has two digits. */
export const dataObjectLengthMax = 99;
/** CPM: decoded bytes accepted (a QR code holds at most 2,953 bytes; real CPM codes ~200). */
export const cpmBytesMax = 1024;
/** CPM: nesting depth of constructed BER-TLV objects. */
export const cpmDepthMax = 4;
