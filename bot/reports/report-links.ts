import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a download link lets its holder fetch: this person's figures for this audience and period. */
export interface LinkClaims {
  /** Staff id of the person the link was made for; they must still be allowed at download. */
  readonly staffId: string;
  readonly audience: string;
  readonly period: string;
  readonly file: 'csv' | 'png';
  /** Milliseconds since the epoch after which the link no longer works. */
  readonly expires: number;
}

/** Signed, short-lived links: a link cannot be altered to reach other figures, and stops working. */
export class ReportLinks {
  constructor(
    private readonly secret: Buffer,
    private readonly lifetimeMs: number,
  ) {}

  token(claims: Omit<LinkClaims, 'expires'>, now: Date): string {
    const body = Buffer.from(JSON.stringify({ ...claims, expires: now.getTime() + this.lifetimeMs }), 'utf8').toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** The claims of a genuine link still in date; null otherwise (never says which). */
  verify(token: string, now: Date): LinkClaims | null {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkClaims;
      if (typeof claims.expires !== 'number' || claims.expires <= now.getTime()) return null;
      if (claims.file !== 'csv' && claims.file !== 'png') return null;
      return claims;
    } catch {
      return null;
    }
  }

  get lifetimeInWords(): string {
    const hours = Math.round(this.lifetimeMs / 3_600_000);
    return hours >= 1 ? `${hours} hour${hours === 1 ? '' : 's'}` : `${Math.round(this.lifetimeMs / 60_000)} minutes`;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
