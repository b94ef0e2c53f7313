import { SignJWT, jwtVerify } from 'jose';
import type { StaffRole } from '../db/entities/staff-user.js';

export type SessionClaims = { kind: 'staff'; staffId: string; role: StaffRole } | { kind: 'customer'; customerId: string };

const ISSUER = 'payrail';
const SESSION_TTL = '12h';

/** Signed (HS256) session tokens for staff and customers; stateless, short-lived. */
export class SessionTokens {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(claims: SessionClaims): Promise<string> {
    const subject = claims.kind === 'staff' ? claims.staffId : claims.customerId;
    return new SignJWT({ kind: claims.kind, ...(claims.kind === 'staff' ? { role: claims.role } : {}) })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(SESSION_TTL)
      .sign(this.key);
  }

  /** Returns the claims of a valid token, or null for anything forged, expired or malformed. */
  async verify(token: string): Promise<SessionClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      if (!payload.sub) return null;
      if (payload.kind === 'staff' && typeof payload.role === 'string') {
        return { kind: 'staff', staffId: payload.sub, role: payload.role as StaffRole };
      }
      if (payload.kind === 'customer') return { kind: 'customer', customerId: payload.sub };
      return null;
    } catch {
      return null;
    }
  }
}
