/** Normalize `tools:`: units parsed, defaults filled, keys that do not fit the tool's kind reported. */
import { LIMIT_REASONS, MAX_TTL } from '../limits.js';
import { asMap, asString, readBounded, readDuration, readFraction, type Ctx } from '../read.js';
import { TOOL_KINDS, type ToolKind, type ToolSpec } from '../types.js';
import { own } from '../../util/own.js';

/** Which tool kinds each optional key applies to. */
const APPLIES: Record<string, readonly ToolKind[]> = {
  ttl: ['shard_lookup'],
  delay: ['delay'],
  delay_max: ['delay'],
  fail_rate: ['flaky'],
  model: ['llm'],
  base_url: ['llm'],
  api_key_env: ['llm'],
  command: ['exec'],
};

/** Keys a kind cannot work without. */
const NEEDS: Partial<Record<ToolKind, { key: string; example: string }>> = {
  delay: { key: 'delay', example: 'delay: 50ms' },
  flaky: { key: 'fail_rate', example: 'fail_rate: 10%' },
  exec: { key: 'command', example: 'command: "python3 ./answer.py"' },
};

const article = (word: string): string => (/^[aeiou]/.test(word) ? 'an' : 'a');

function checkBaseUrl(ctx: Ctx, v: string, path: (string | number)[]): void {
  let ok = false;
  try {
    ok = ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    ok = false;
  }
  if (!ok)
    ctx.sink.add({
      path,
      code: 'bad-url',
      message: `expected an http(s) URL, got ${JSON.stringify(v)}`,
      hint: 'e.g. base_url: http://127.0.0.1:8000/v1',
    });
}

/** Normalize one tool; undefined when its kind is unusable (already reported by the schema). */
function normalizeTool(ctx: Ctx, name: string, t: Record<string, unknown>): ToolSpec | undefined {
  const base = ['tools', name];
  const kind = t.kind as ToolKind;
  if (!(TOOL_KINDS as readonly string[]).includes(kind as string)) return undefined;
  for (const key of Object.keys(t)) {
    const kinds = own(APPLIES, key);
    if (kinds && !kinds.includes(kind)) {
      ctx.sink.add({
        path: [...base, key],
        at: 'key',
        code: 'tool-key-not-applicable',
        message: `"${key}" does not apply to ${article(kind)} ${kind} tool (only to ${kinds.join(', ')})`,
        hint: `remove "${key}" or change kind`,
      });
    }
  }
  const need = NEEDS[kind];
  if (need && t[need.key] === undefined) {
    ctx.sink.add({
      path: base,
      at: 'key',
      code: 'tool-missing-key',
      message: `${article(kind)} ${kind} tool needs "${need.key}"`,
      hint: `add ${need.example}`,
    });
  }
  const spec: ToolSpec = { name, kind };
  if (kind === 'shard_lookup')
    spec.ttl =
      readBounded(ctx, t.ttl, [...base, 'ttl'], { min: 0, max: MAX_TTL, unit: 'hops', reason: LIMIT_REASONS.ttl }) ?? 4;
  if (kind === 'delay') {
    spec.delayMs = readDuration(ctx, t.delay, [...base, 'delay']);
    spec.delayMaxMs = readDuration(ctx, t.delay_max, [...base, 'delay_max']);
    if (spec.delayMs !== undefined && spec.delayMaxMs !== undefined && spec.delayMaxMs < spec.delayMs) {
      ctx.sink.add({ path: [...base, 'delay_max'], code: 'bad-range', message: `delay_max must be at least delay` });
    }
  }
  if (kind === 'flaky') spec.failRate = readFraction(ctx, t.fail_rate, [...base, 'fail_rate']);
  if (kind === 'llm') {
    spec.model = asString(t.model) ?? 'stub';
    spec.baseUrl = asString(t.base_url);
    spec.apiKeyEnv = asString(t.api_key_env);
    if (spec.baseUrl !== undefined) checkBaseUrl(ctx, spec.baseUrl, [...base, 'base_url']);
    else if (spec.model !== 'stub') {
      ctx.sink.add({
        path: [...base, 'model'],
        code: 'tool-missing-key',
        message: `model "${spec.model}" needs base_url (an OpenAI-compatible endpoint)`,
        hint: 'add base_url: http://127.0.0.1:8000/v1, or use model: stub',
      });
    }
  }
  if (kind === 'exec') spec.command = asString(t.command);
  for (const k of Object.keys(spec) as (keyof ToolSpec)[]) if (spec[k] === undefined) delete spec[k];
  return spec;
}

/** Normalize every declared tool, by name. */
export function normalizeTools(ctx: Ctx, raw: unknown): Record<string, ToolSpec> {
  // No prototype: a tool named __proto__ or constructor is an ordinary entry.
  const out: Record<string, ToolSpec> = Object.create(null) as Record<string, ToolSpec>;
  for (const [name, t] of Object.entries(asMap(raw) ?? {})) {
    const m = asMap(t);
    const spec = m && normalizeTool(ctx, name, m);
    if (spec) out[name] = spec;
  }
  return out;
}
