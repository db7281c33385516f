import { sessionCookies, userOf } from "./tokens.ts";
import { usage } from "./usage.ts";

type PageRequest = {
  method: string;
  nextUrl: { pathname: string };
  headers: { get(name: string): string | null };
  cookies: { get(name: string): { value: string } | undefined };
};

/** Paths that are not pages a shopper looks at: APIs for the page's own scripts, the sidecar's routes, probes. */
const notPages = /^\/(suggest|live|events|dapr|healthz|readyz)(\/|$)/;

/**
 * Whether a request is a shopper looking at a page: a GET of a page (a full load or a client-side navigation), not a
 * prefetch (the browser's or Next.js's router's, which nobody may ever see) and not a server action (a POST).
 */
export function isPageView(request: PageRequest): boolean {
  if (request.method !== "GET") return false;
  if (notPages.test(request.nextUrl.pathname)) return false;
  const purpose = request.headers.get("sec-purpose") ?? request.headers.get("purpose") ?? "";
  return !purpose.includes("prefetch") && request.headers.get("next-router-prefetch") === null;
}

/** Reports `page-viewed` (the path without its query string) for this visitor and, when signed in, the user. */
export function reportPageView(request: PageRequest, visitorId: string, report = usage.record.bind(usage)): void {
  if (!isPageView(request)) return;
  const userId = userOf(request.cookies.get(sessionCookies.access)?.value)?.id ?? null;
  report({ visitorId, userId }, { type: "page-viewed", path: request.nextUrl.pathname });
}
