import { cookies, headers } from "next/headers";
import { publicUrl } from "./shop.ts";
import { cartCookieName, cookieFromSetCookie, type Shopper } from "./services.ts";
import { cookieOptions, sessionCookies, type Tokens, userOf } from "./tokens.ts";

/** The shopper this request is for, from the storefront's httpOnly cookies and the gateway's forwarded address. */
export async function currentShopper(): Promise<Shopper> {
  const [jar, incoming] = await Promise.all([cookies(), headers()]);
  return {
    cartCookie: jar.get(cartCookieName)?.value,
    accessToken: jar.get(sessionCookies.access)?.value,
    forwardedFor: incoming.get("x-forwarded-for") ?? undefined,
  };
}

export async function currentUser() {
  return userOf((await cookies()).get(sessionCookies.access)?.value);
}

/** Keeps (or deletes) the anonymous cart cookie the cart API set, on the shop's origin. Server actions only. */
export async function keepCartCookie(setCookies: string[]) {
  const value = cookieFromSetCookie(setCookies, cartCookieName);
  if (value === undefined) return;
  const jar = await cookies();
  if (value === null) jar.delete(cartCookieName);
  else jar.set(cartCookieName, value, cookieOptions(publicUrl, 30 * 24 * 3600));
}

/** Keeps identity's tokens in httpOnly cookies, each living as long as the token. Server actions and middleware only. */
export async function keepTokens(tokens: Tokens) {
  const jar = await cookies();
  jar.set(sessionCookies.access, tokens.accessToken, cookieOptions(publicUrl, tokens.expiresIn));
  jar.set(sessionCookies.refresh, tokens.refreshToken, cookieOptions(publicUrl, tokens.refreshExpiresIn));
}

export async function forgetTokens() {
  const jar = await cookies();
  jar.delete(sessionCookies.access);
  jar.delete(sessionCookies.refresh);
}
