/** Limits shared by server validation and client-side input hints. */
export const LIMITS = {
  /** characters in one chat message */
  chatMessageChars: 4000,
  /** bytes in one socket.io packet (server maxHttpBufferSize) */
  socketPacketBytes: 64 * 1024,
  /** bytes in one REST body */
  restBodyBytes: 256 * 1024,
  /** characters in a wrap-up note */
  wrapUpNoteChars: 2000,
  /** characters in a customer display name */
  customerNameChars: 80,
  /** characters (UTF-16 code units) in a canned response's body: a long email answer */
  cannedBodyChars: 10_000,
} as const;
