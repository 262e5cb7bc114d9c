/**
 * Access tokens issued after a successful DIDWba authentication: HS256 JWTs signed with a secret
 * made at process start and never stored, so a restarted server rejects every token it issued before
 * and each client must authenticate again — the recovery cost ANP shows in the measurements.
 * jose is imported on first use (and warmed by the server right after it listens), so its import
 * time does not delay an agent's readiness.
 */
import { randomBytes } from 'node:crypto';

/** Default token lifetime in seconds (short-lived, as ANP recommends; long enough for a run). */
export const TOKEN_TTL_S = 300;

let jose: Promise<typeof import('jose')> | undefined;

/** Load jose once; servers call this after listening so the first authentication finds it loaded. */
export function loadJose(): Promise<typeof import('jose')> {
  jose ??= import('jose');
  return jose;
}

/** Issues and checks the tokens of one server process. */
export class TokenIssuer {
  private readonly secret = new Uint8Array(randomBytes(32));
  private readonly verified = new Map<string, { did: string; exp: number }>();

  constructor(private readonly ttlSeconds = TOKEN_TTL_S) {}

  /** A token naming `did` as its subject. */
  async issue(did: string): Promise<string> {
    const { SignJWT } = await loadJose();
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(did)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + this.ttlSeconds)
      .sign(this.secret);
  }

  /** The DID a valid token was issued to, or null (bad signature, other process, expired). */
  async verify(token: string): Promise<string | null> {
    // Tokens already verified by this process skip the HMAC (its cost is per request otherwise);
    // the expiry is still checked on every use, and the cache dies with the process like the secret.
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.exp * 1000 > Date.now()) return hit.did;
      this.verified.delete(token);
      return null;
    }
    const { jwtVerify } = await loadJose();
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return null;
      if (this.verified.size >= 1024) this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(token, { did: payload.sub, exp: payload.exp });
      return payload.sub;
    } catch {
      return null;
    }
  }
}
