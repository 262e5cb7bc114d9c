// Agora round trips: storm's Agora client against a real agora agent process. Prints first contact,
// steady sequential round trips (msgs/s, p50/p99, bytes per round trip), and the first exchange after
// the agent was SIGKILLed and restarted. A built-in agent learns storm's protocol document (SHA-1
// named) in its own warm-up before it is ready, so neither first contact nor the exchange after the
// restart includes a document fetch: the restart's re-fetch happens inside the agent's start-up.
// Usage: npx tsc -p tsconfig.json && node bench/roundtrip-agora.mjs
import { benchmark } from './roundtrip-signed-lib.mjs';

await benchmark('agora', 600);
