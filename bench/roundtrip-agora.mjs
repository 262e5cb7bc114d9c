// Agora round trips: storm's Agora client against a real agora agent process. Prints first contact
// (the agent fetches and verifies our protocol document), steady sequential round trips after
// negotiation (msgs/s, p50/p99, bytes per round trip), and the first exchange after the agent was
// SIGKILLed and restarted (its document cache died with it: one more fetch).
// Usage: npx tsc -p tsconfig.json && node bench/roundtrip-agora.mjs
import { benchmark } from './roundtrip-signed-lib.mjs';

await benchmark('agora', 600);
