export type CPMNode = unknown; export const decodeCPM = 1, encodeCPM = 1;
