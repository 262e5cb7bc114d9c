// A2A round trips: storm's a2a client (the @a2a-js/sdk client) against a real a2a agent process.
// Usage: node bench/roundtrip-a2a.mjs   (after npx tsc -p tsconfig.json)
import { roundtrip } from './roundtrip-lib.mjs';

await roundtrip('a2a', 600);
