/**
 * How the storefront's server reaches the shop's services. Through its own Dapr sidecar (`DAPR_HTTP_ENDPOINT`, service
 * invocation by app id), so the pages never spend the shoppers' rate limit at the gateway; without a sidecar (`next
 * dev`, `next start` alone) through the gateway's public paths (`GATEWAY_URL`). Nothing here runs in the browser.
 */
export type ApiTarget = { baseUrl: string; headers: Record<string, string>; prefix: (app: string, path: string) => string };

export function apiTarget(env: Record<string, string | undefined> = process.env): ApiTarget {
  const token: Record<string, string> = env.DAPR_API_TOKEN ? { "dapr-api-token": env.DAPR_API_TOKEN } : {};
  if (env.DAPR_HTTP_ENDPOINT)
    return { baseUrl: env.DAPR_HTTP_ENDPOINT.replace(/\/$/, ""), headers: token, prefix: (app, path) => `/v1.0/invoke/${app}/method${path}` };
  const gateway = (env.GATEWAY_URL ?? "http://127.0.0.1:8080").replace(/\/$/, "");
  // The gateway maps /api/<app>/x to the app's /api/x and /graphql/<app> to its /graphql.
  return {
    baseUrl: gateway,
    headers: {},
    prefix: (app, path) => (path === "/graphql" ? `/graphql/${app}` : path.replace(/^\/api\//, `/api/${app}/`)),
  };
}

/**
 * The shopper a server-side call is made for: their anonymous cart cookie, their access token (both from the
 * storefront's httpOnly cookies) and their address as the gateway saw it. The address goes on as `X-Forwarded-For`, so
 * per-client limits in the services (identity's sign-in limit) count each shopper, not the storefront's server.
 */
export type Shopper = { cartCookie?: string; accessToken?: string; forwardedFor?: string };

/** RFC 9457 problem details as the services answer them, with their extensions. */
export type Problem = { status: number; title?: string; detail?: string; errors?: Record<string, string[]>; reason?: string; [extension: string]: unknown };

/** A service's answer: the body when it succeeded, the problem when not, and the cookies it asked the browser to keep. */
export type Answer<T> = { status: number; ok: boolean; body: T | null; problem: Problem | null; setCookies: string[]; retryAfter: string | null };

export class ServiceUnavailableError extends Error {}

type Fetch = typeof fetch;

export const cartCookieName = "sos_cart";

export class ServiceClient {
  constructor(private readonly target: ApiTarget = apiTarget(), private readonly fetcher: Fetch = fetch) {}

  url(app: string, path: string): string {
    return this.target.baseUrl + this.target.prefix(app, path);
  }

  /** One JSON call on the shopper's behalf; a network failure is a ServiceUnavailableError, any answer is returned. */
  async call<T>(app: string, path: string, options: { method?: string; body?: unknown; shopper?: Shopper } = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...this.target.headers, accept: "application/json" };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const shopper = options.shopper ?? {};
    if (shopper.cartCookie) headers.cookie = `${cartCookieName}=${shopper.cartCookie}`;
    if (shopper.accessToken) headers.authorization = `Bearer ${shopper.accessToken}`;
    if (shopper.forwardedFor) headers["x-forwarded-for"] = shopper.forwardedFor;
    let response: Response;
    try {
      response = await this.fetcher(this.url(app, path), {
        method: options.method ?? "GET",
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        cache: "no-store",
      });
    } catch (cause) {
      throw new ServiceUnavailableError(`${app} cannot be reached`, { cause });
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    const setCookies = response.headers.getSetCookie?.() ?? [];
    const retryAfter = response.headers.get("retry-after");
    if (response.ok) return { status: response.status, ok: true, body: parsed as T, problem: null, setCookies, retryAfter };
    const problem: Problem = parsed && typeof parsed === "object" ? { ...(parsed as Problem), status: response.status } : { status: response.status };
    // A 409 from the cart carries the current state: hand it back as the body too.
    return { status: response.status, ok: false, body: response.status === 409 ? (parsed as T) : null, problem, setCookies, retryAfter };
  }
}

/** The value a Set-Cookie header gives `name`: a string to keep, null to delete, undefined when it does not name it. */
export function cookieFromSetCookie(setCookies: string[], name: string): string | null | undefined {
  for (const header of setCookies) {
    const [pair, ...attributes] = header.split(";");
    const separator = pair.indexOf("=");
    if (separator < 0 || pair.slice(0, separator).trim() !== name) continue;
    const value = pair.slice(separator + 1).trim();
    const expired = attributes.some(attribute => {
      const [key, raw] = attribute.split("=").map(part => part.trim().toLowerCase());
      return (key === "max-age" && Number(raw) <= 0) || (key === "expires" && Date.parse(raw) < Date.now());
    });
    return expired || value === "" ? null : value;
  }
  return undefined;
}

/** The clearest sentence for a failed answer: the service's own detail, else what the status means to a shopper. */
export function messageFor(problem: Problem | null, retryAfter: string | null = null): string {
  if (!problem) return "Something went wrong. Please try again.";
  if (problem.status === 429) return `Too many attempts. Please wait${retryAfter ? ` ${retryAfter} seconds` : " a moment"} and try again.`;
  if (problem.status === 503 || problem.status === 502) return "This part of the shop is not answering right now. Please try again in a moment.";
  if (problem.errors) {
    const first = Object.entries(problem.errors)[0];
    if (first) return `${first[0]}: ${first[1].join(", ")}`;
  }
  return problem.detail ?? problem.title ?? "Something went wrong. Please try again.";
}
