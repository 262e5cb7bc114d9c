// Hashes, data: URIs and document layouts against the vectors computed with the reference library.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDataUri, encodeDataUri } from '../../../../src/protocols/agora/data-uri.js';
import {
  MAX_DOCUMENT_BYTES,
  parseProtocolDocument,
  STORM_PROTOCOL_DOCUMENT,
  STORM_PROTOCOL_NAME,
} from '../../../../src/protocols/agora/documents.js';
import { canonicalHash, sha1Base64, sha1Hex } from '../../../../src/protocols/agora/hash.js';
import { AGORA_INTEROP, have, loadVectors } from './interop-vectors.js';

describe.skipIf(!have)('agora documents vs the interop vectors', () => {
  const { documents } = have ? loadVectors() : { documents: [] };

  it('has both weather-forecast documents, byte for byte as the files', () => {
    expect(documents.map((d) => d.file)).toEqual([
      'protocols/weather-forecast.md',
      'protocols/weather-forecast.standard-layout.md',
    ]);
    for (const d of documents) expect(fs.readFileSync(path.join(AGORA_INTEROP, d.file), 'utf8')).toBe(d.text);
  });

  it('hashes as the standard (hex SHA-1) and the reference library (base64 SHA-1)', () => {
    for (const d of documents) {
      expect(sha1Hex(d.text)).toBe(d.hashes.sha1_hex);
      expect(sha1Base64(d.text)).toBe(d.hashes.sha1_base64);
    }
  });

  it('reduces hex (either case) and base64 SHA-1 to the same hash; SHA-256 and pseudo-hashes name nothing', () => {
    for (const d of documents) {
      expect(canonicalHash(d.hashes.sha1_hex)).toBe(d.hashes.sha1_hex);
      expect(canonicalHash(d.hashes.sha1_hex.toUpperCase())).toBe(d.hashes.sha1_hex);
      expect(canonicalHash(d.hashes.sha1_base64)).toBe(d.hashes.sha1_hex);
      expect(canonicalHash(d.hashes.sha256_hex)).toBeNull();
    }
    expect(canonicalHash('negotiation')).toBeNull();
    expect(canonicalHash('')).toBeNull();
    // base64 of 20 bytes whose last character carries stray bits is no encoder's output
    expect(canonicalHash('1fnFVr5AS+pmLnUJW9GLu64f5IV=')).toBeNull();
  });

  it('decodes every data: URI form to the exact document text', () => {
    for (const d of documents) {
      expect(Object.keys(d.data_uris).sort()).toEqual(['base64', 'encodeURIComponent', 'reference_encode_as_data_uri']);
      for (const uri of Object.values(d.data_uris))
        expect(decodeDataUri(uri, MAX_DOCUMENT_BYTES)).toEqual({ ok: true, text: d.text });
      expect(decodeDataUri(encodeDataUri(d.text), MAX_DOCUMENT_BYTES)).toEqual({ ok: true, text: d.text });
      // Forms the reference refuses; storm takes them (the hash check is what makes a source trustworthy).
      const pct = d.data_uris.encodeURIComponent.slice('data:text/plain;charset=utf-8,'.length);
      expect(decodeDataUri(`data:text/plain,${pct}`, MAX_DOCUMENT_BYTES)).toEqual({ ok: true, text: d.text });
      expect(decodeDataUri(`data:,${pct}`, MAX_DOCUMENT_BYTES)).toEqual({ ok: true, text: d.text });
    }
  });

  it('reads the metadata of both layouts, like the reference for front matter', () => {
    const [front, standard] = documents;
    const expected = front.reference_extract_metadata.returns;
    expect(expected).toBeDefined();
    const a = parseProtocolDocument(front.text);
    const b = parseProtocolDocument(standard.text);
    expect(a).toMatchObject({ ok: true, layout: 'front-matter', metadata: expected });
    // The reference raises here (standard.reference_extract_metadata.raises); the standard's layout is valid.
    expect(standard.reference_extract_metadata.raises).toBeDefined();
    expect(b).toMatchObject({ ok: true, layout: 'standard', metadata: expected });
    if (a.ok && b.ok) {
      expect(a.specification).toBe(b.specification);
      expect(a.specification.startsWith('The sender sends a JSON object')).toBe(true);
    }
  });
});

describe("storm's own protocol document", () => {
  it('is in the standard layout with the required metadata', () => {
    expect(parseProtocolDocument(STORM_PROTOCOL_DOCUMENT)).toMatchObject({
      ok: true,
      layout: 'standard',
      metadata: { name: STORM_PROTOCOL_NAME, multiround: false, description: expect.any(String) },
    });
  });
});
