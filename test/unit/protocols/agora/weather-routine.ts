/**
 * A routine for the interop vectors' weather-forecast protocol, written for the tests: the vectors'
 * cases X6/X9/X13 need a receiver that supports that protocol. Forecasts come from a fixed table.
 */
import type { AgoraBody, AgoraRoutine } from '../../../../src/protocols/agora/routines.js';

const TABLE: Record<string, { forecast: string; temperature_c: number; precipitation: number; wind_kmh: number }> = {
  London: { forecast: 'cloudy', temperature_c: 9, precipitation: 40, wind_kmh: 20 },
  Zürich: { forecast: 'snowy', temperature_c: -2, precipitation: 80, wind_kmh: 12 },
};

function asObject(body: AgoraBody): Record<string, unknown> | null {
  if (typeof body !== 'string') return body;
  try {
    const v: unknown = JSON.parse(body);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Implements documents named `weather-forecast`; protocol-level errors go inside the body (§10.3). */
export const weatherRoutine: AgoraRoutine = {
  name: 'weather-forecast',
  async run(body) {
    const q = asObject(body);
    if (!q || typeof q.city !== 'string' || typeof q.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(q.date))
      return { error: 'Invalid format' };
    return TABLE[q.city] ?? { error: 'Unsupported location' };
  },
};
