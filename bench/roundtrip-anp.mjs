// ANP round trips: storm's ANP client (DIDWba, then Bearer) against a real anp agent process.
// Prints first contact (DIDWba handshake: signature + the agent fetching our DID document), steady
// sequential round trips after authentication (msgs/s, p50/p99, bytes per round trip), and the first
// exchange after the agent was SIGKILLed and restarted (401 on the old token, re-authentication).
// Usage: npx tsc -p tsconfig.json && node bench/roundtrip-anp.mjs
import { benchmark } from './roundtrip-signed-lib.mjs';

await benchmark('anp', 400);
