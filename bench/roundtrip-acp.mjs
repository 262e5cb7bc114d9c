// ACP round trips: storm's acp client (POST /runs, mode sync) against a real acp agent process.
// Usage: node bench/roundtrip-acp.mjs   (after npx tsc -p tsconfig.json)
import { roundtrip } from './roundtrip-lib.mjs';

await roundtrip('acp', 600);
