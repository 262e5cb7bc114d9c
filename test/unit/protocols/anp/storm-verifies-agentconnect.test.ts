/**
 * storm as the server: every header AgentConnect signed, every negative and edge case, and AgentConnect's
 * verifier sequences, checked by storm's DidWbaVerifier against the vectors (documents served by an
 * injected resolver, clock frozen at the vectors' instants).
 */
import { describe, expect, it } from 'vitest';
import { SERVICE_NAMES } from '../../../../src/protocols/anp/server.js';
import { formatAuthHeader, payloadDigest } from '../../../../src/protocols/anp/sign.js';
import { documentOf, haveVectors, keyOf, SIGNED_AT, stormVerdict, vectors, vectorVerifier } from './vectors.js';

/** The names a storm server reached as `service` passes to its verifier. */
const servicesOf = (service: string): readonly string[] =>
  SERVICE_NAMES.includes(service) ? SERVICE_NAMES : [service];

/** Where storm's verdict differs from AgentConnect's for one service, on purpose. */
const DEVIATIONS: Record<string, string> = {
  // AgentConnect splits a 63-byte signature at 31 bytes and so refuses its own signature whose s is short.
  'A4-short-s': 'storm tries every split of a short signature',
};

/** storm's answer to each negative/edge case (AgentConnect's verdicts for the service names storm passes are checked too). */
const STORM_SERVER: Record<string, { ok: true } | { ok: false; error: string }> = {
  'N1-tampered-nonce': { ok: false, error: 'invalid_signature' },
  'N2-tampered-timestamp': { ok: false, error: 'invalid_signature' },
  'N3-tampered-signature': { ok: false, error: 'invalid_signature' },
  'N4-wrong-did': { ok: false, error: 'invalid_did' },
  'N5-unknown-verification-method': { ok: false, error: 'invalid_verification_method' },
  'N6-der-signature': { ok: false, error: 'invalid_signature' },
  'N7-single-hash-hostname': { ok: false, error: 'invalid_signature' },
  'N8-single-hash-host-port': { ok: false, error: 'invalid_signature' },
  // Signed for localhost:9100: storm's server passes bare host names only (SERVICE_NAMES).
  'N9-double-hash-host-port': { ok: false, error: 'invalid_signature' },
  'N10-missing-signature': { ok: false, error: 'invalid_request' },
  // "either": storm keeps AgentConnect's case-sensitive `DIDWba`.
  'N11-lowercase-scheme': { ok: false, error: 'invalid_request' },
  'E1-reordered-fields': { ok: true },
  // "accept-lenient": AgentConnect's decoder takes padding and the standard alphabet; so does storm's.
  'E2-padded-base64url': { ok: true },
  'E3-standard-base64': { ok: true },
};

describe.skipIf(!haveVectors)('storm verifies AgentConnect headers (did-wba-vectors.json)', () => {
  it('reads the cases it is meant to check', () => {
    expect(vectors.source.commit).toMatch(/^bccfc89/);
    expect(vectors.agentconnect_signs.map((c) => c.case)).toHaveLength(8);
    expect(Object.keys(STORM_SERVER).sort()).toEqual(vectors.negative_and_edge_cases.map((c) => c.case).sort());
    expect(vectors.verifier_sequences.map((s) => s.case)).toEqual([
      'S1-replay',
      'S2-timestamp-window',
      'S3-nonce-burnt-by-bad-signature',
    ]);
  });

  for (const c of vectors.agentconnect_signs) {
    it(`${c.case}: a storm server accepts AgentConnect's header (${c.signature_bytes}-byte signature)`, async () => {
      expect(c.expect_storm_server).toBe('accept');
      const outcome = await stormVerdict(c.authorization, documentOf(c.document), servicesOf(c.service));
      expect(outcome).toEqual({ ok: true, did: c.fields.did, scheme: 'DIDWba' });
    });

    it(`${c.case}: for each service AgentConnect was given, storm agrees with it${DEVIATIONS[c.case] ? ' except where noted' : ''}`, async () => {
      for (const [service, [acOk]] of Object.entries(c.agentconnect_verify_auth_header_signature)) {
        const outcome = await stormVerdict(c.authorization, documentOf(c.document), [service]);
        const expected = DEVIATIONS[c.case] && service === c.service ? true : acOk;
        expect({ service, ok: outcome.ok }).toEqual({ service, ok: expected });
      }
    });
  }

  for (const c of vectors.negative_and_edge_cases) {
    it(`${c.case} (${c.expect_storm_server}): storm answers ${JSON.stringify(STORM_SERVER[c.case])}`, async () => {
      const outcome = await stormVerdict(c.authorization, documentOf(c.document), SERVICE_NAMES);
      const expected = STORM_SERVER[c.case];
      expect(outcome).toMatchObject(expected);
      // The verdicts AgentConnect gave under `localhost` are storm's under its server names.
      expect(outcome.ok).toBe(c.agentconnect_verify_auth_header_signature.localhost[0]);
    });
  }

  for (const r of vectors.agentconnect_accepts.headers) {
    it(`${r.case}: storm's verdict equals AgentConnect's for every service`, async () => {
      for (const [service, [acOk]] of Object.entries(r.agentconnect_verify_auth_header_signature)) {
        const outcome = await stormVerdict(r.authorization, documentOf(r.document), [service]);
        expect({ service, ok: outcome.ok }).toEqual({ service, ok: acOk });
      }
    });
  }

  for (const seq of vectors.verifier_sequences) {
    it(`${seq.case}: one verifier, step by step`, async () => {
      let now = '';
      const verifier = vectorVerifier(documentOf('D1'), () => now);
      const verdicts: string[] = [];
      for (const step of seq.steps) {
        now = step.server_now;
        const outcome = await verifier.authenticate(step.authorization, SERVICE_NAMES);
        verdicts.push(outcome.ok ? 'accept' : `reject ${outcome.error}`);
      }
      // S1/S3 say what storm must answer; S2 (no such list) must match AgentConnect's window exactly.
      const expected =
        seq.expect_storm_server?.map((e) => (e === 'accept' ? e : `reject ${/invalid_\w+/.exec(e)?.[0]}`)) ??
        seq.steps.map((s) => (s.agentconnect_verdict === 'accept' ? 'accept' : 'reject invalid_timestamp'));
      expect(verdicts).toEqual(expected);
    });
  }

  it('S3 is where storm departs from AgentConnect: a forged header does not burn the genuine nonce', () => {
    const s3 = vectors.verifier_sequences.find((s) => s.case.startsWith('S3'))!;
    expect(s3.steps[1].outcome).toMatchObject({ ok: false, error: 'Invalid or expired nonce' });
    expect(s3.expect_storm_server?.[1]).toBe('accept');
  });

  it('accepts exactly the timestamp forms AgentConnect accepts', async () => {
    expect(vectors.verifier_timestamp_forms.length).toBeGreaterThan(5);
    const key = keyOf('K1');
    const did = documentOf('D1').id as string;
    for (const [i, form] of vectors.verifier_timestamp_forms.entries()) {
      const nonce = `${i}`.padStart(32, '0');
      const signature = key.sign(payloadDigest({ nonce, timestamp: form.timestamp, service: 'localhost', did }));
      const header = formatAuthHeader({
        did,
        nonce,
        timestamp: form.timestamp,
        verificationMethod: 'key-1',
        signature,
      });
      const outcome = await stormVerdict(header, documentOf('D1'), SERVICE_NAMES, form.server_now);
      expect({ timestamp: form.timestamp, ok: outcome.ok }).toEqual({
        timestamp: form.timestamp,
        ok: form.agentconnect_accepts,
      });
      if (!form.agentconnect_accepts) expect(outcome).toMatchObject({ error: 'invalid_timestamp' });
    }
  });

  it('refuses a DID naming an IP address without resolving it', async () => {
    const did = 'did:wba:127.0.0.1%3A9100:agents:worker-3';
    const verifier = vectorVerifier({ ...documentOf('D1'), id: did });
    const nonce = 'n'.repeat(32);
    const signature = keyOf('K1').sign(payloadDigest({ nonce, timestamp: SIGNED_AT, service: 'localhost', did }));
    const header = formatAuthHeader({ did, nonce, timestamp: SIGNED_AT, verificationMethod: 'key-1', signature });
    const outcome = await verifier.authenticate(header, SERVICE_NAMES);
    expect(outcome).toMatchObject({
      ok: false,
      error: 'invalid_did',
      description: expect.stringMatching(/must not contain an IP address/),
    });
    expect(verifier.fetches).toBe(0);
  });
});
