/** Identity's token answer (`POST /api/auth/login`, `/api/auth/refresh`). */
export type Tokens = { accessToken: string; tokenType: string; expiresIn: number; refreshToken: string; refreshExpiresIn: number };

/** The storefront's httpOnly cookies: never readable by the page's scripts, sent only to the shop's own origin. */
export const sessionCookies = { access: "sos_at", refresh: "sos_rt" } as const;

export type SignedInUser = { id: string; email: string; roles: string[] };

/**
 * Who an access token names, for the header and the account page. The storefront does not verify the signature: it only
 * ever received the token from identity itself, and every service verifies it on each call.
 */
export function userOf(accessToken: string | undefined): SignedInUser | null {
  if (!accessToken) return null;
  const payload = accessToken.split(".")[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { sub?: string; email?: string; roles?: string[] | string };
    if (!claims.sub) return null;
    return { id: claims.sub, email: claims.email ?? "", roles: Array.isArray(claims.roles) ? claims.roles : claims.roles ? [claims.roles] : [] };
  } catch {
    return null;
  }
}

/** Cookie attributes for a session cookie: httpOnly, SameSite=Lax, Secure whenever the shop is served over HTTPS. */
export function cookieOptions(publicUrl: string, maxAgeSeconds: number) {
  return { httpOnly: true, sameSite: "lax" as const, secure: publicUrl.startsWith("https:"), path: "/", maxAge: maxAgeSeconds };
}

/**
 * Refreshes are spent once (identity revokes the whole sign-in when a refresh token is presented twice), and a page
 * load can send several requests at once: concurrent refreshes of one token share one call. Per server process.
 */
const inFlight = new Map<string, Promise<Tokens | null>>();

export function refreshOnce(refreshToken: string, refresh: (token: string) => Promise<Tokens | null>): Promise<Tokens | null> {
  let pending = inFlight.get(refreshToken);
  if (!pending) {
    pending = refresh(refreshToken);
    inFlight.set(refreshToken, pending);
    // Kept a little while: a request that read the old cookie just before the new one arrived gets the same answer.
    const forget = () => setTimeout(() => inFlight.delete(refreshToken), 30_000).unref?.();
    pending.then(forget, forget);
  }
  return pending;
}
