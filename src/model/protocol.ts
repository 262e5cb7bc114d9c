/** Built-in protocol names, in the order the matrix runs them. */
export const PROTOCOL_NAMES = ['json', 'a2a', 'acp', 'anp', 'agora'] as const;
export type ProtocolName = (typeof PROTOCOL_NAMES)[number];
