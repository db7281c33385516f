import { NextResponse, type NextRequest } from "next/server";
import { IdentityClient } from "./lib/identity.ts";
import { cookieOptions, refreshOnce, sessionCookies, type Tokens } from "./lib/tokens.ts";
import { reportPageView } from "./lib/pageViews.ts";
import { visitorCookieName } from "./lib/usage.ts";

const identity = new IdentityClient();
const publicUrl = (process.env.PUBLIC_URL ?? "http://localhost:8080").replace(/\/$/, "");

/**
 * The access token's cookie lives as long as the token (15 minutes); when it is gone and the refresh token's cookie is
 * not, the sign-in is renewed here, before any page or action runs, with identity's refresh rotation: the page sees
 * the new token, the browser keeps the new pair. A refresh token identity refuses ends the sign-in.
 */
async function renewSession(request: NextRequest): Promise<Tokens | "ended" | null> {
  const refreshToken = request.cookies.get(sessionCookies.refresh)?.value;
  if (!refreshToken || request.cookies.get(sessionCookies.access)) return null;
  const shopper = { forwardedFor: request.headers.get("x-forwarded-for") ?? undefined };
  const tokens = await refreshOnce(refreshToken, async token => {
    try {
      const answer = await identity.refresh(shopper, token);
      return answer.ok ? answer.body : null;
    } catch {
      return null; // identity is down: this request is anonymous, the next one tries again
    }
  });
  return tokens ?? "ended";
}

/**
 * A Content-Security-Policy with a fresh nonce per page: Next.js reads it from the request header and puts it on its
 * own scripts, and the pages put it on their structured data. Nothing is loaded from another origin.
 */
export async function middleware(request: NextRequest) {
  const renewed = await renewSession(request);
  if (renewed && renewed !== "ended") request.cookies.set(sessionCookies.access, renewed.accessToken).set(sessionCookies.refresh, renewed.refreshToken);
  if (renewed === "ended") request.cookies.delete(sessionCookies.refresh);
  // A first-party visitor id for analytics' usage figures (a random id, nothing else about the visitor).
  const newVisitor = request.cookies.get(visitorCookieName) ? null : crypto.randomUUID();
  if (newVisitor) request.cookies.set(visitorCookieName, newVisitor);
  reportPageView(request, newVisitor ?? request.cookies.get(visitorCookieName)!.value);

  const nonce = btoa(crypto.randomUUID());
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  if (newVisitor) response.cookies.set(visitorCookieName, newVisitor, cookieOptions(publicUrl, 365 * 24 * 3600));
  if (renewed === "ended") response.cookies.delete(sessionCookies.refresh);
  else if (renewed) {
    response.cookies.set(sessionCookies.access, renewed.accessToken, cookieOptions(publicUrl, renewed.expiresIn));
    response.cookies.set(sessionCookies.refresh, renewed.refreshToken, cookieOptions(publicUrl, renewed.refreshExpiresIn));
  }
  return response;
}

export const config = {
  // Node.js, not the edge runtime: the refresh calls the sidecar with the server's environment.
  runtime: "nodejs",
  // Pages only: static assets, images and the crawler files need no nonce.
  matcher: [{ source: "/((?!_next/static|_next/image|images/|favicon.ico|robots.txt|sitemap.xml).*)" }],
};
