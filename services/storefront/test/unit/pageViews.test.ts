import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isPageView, reportPageView } from "../../lib/pageViews.ts";
import type { UsageEvent, Visit } from "../../lib/usage.ts";

function request(path: string, options: { method?: string; headers?: Record<string, string>; accessToken?: string } = {}) {
  const headers = new Map(Object.entries(options.headers ?? {}));
  return {
    method: options.method ?? "GET",
    nextUrl: { pathname: path },
    headers: { get: (name: string) => headers.get(name) ?? null },
    cookies: { get: (name: string) => (name === "sos_at" && options.accessToken ? { value: options.accessToken } : undefined) },
  };
}

const token = (sub: string) => `x.${Buffer.from(JSON.stringify({ sub, email: "a@example.test" })).toString("base64url")}.y`;

describe("page views", () => {
  it("counts full loads and client-side navigations of pages", () => {
    assert.ok(isPageView(request("/")));
    assert.ok(isPageView(request("/p/trail-runner", { headers: { rsc: "1" } })));
  });

  it("does not count prefetches, server actions, the search box's suggestions, the hub's ticket or the sidecar's routes", () => {
    assert.ok(!isPageView(request("/p/trail-runner", { headers: { "next-router-prefetch": "1", rsc: "1" } })));
    assert.ok(!isPageView(request("/c/shoes", { headers: { "sec-purpose": "prefetch;prerender" } })));
    assert.ok(!isPageView(request("/cart", { method: "POST" })));
    for (const path of ["/suggest", "/live/ticket", "/events/catalog", "/dapr/subscribe", "/healthz", "/readyz"]) assert.ok(!isPageView(request(path)), path);
  });

  it("reports the path without its query string, the visitor and the signed-in user", () => {
    const reported: [Visit, UsageEvent][] = [];
    reportPageView(request("/search", { accessToken: token("u-7") }), "v-1", (visit, event) => void reported.push([visit, event]));
    reportPageView(request("/suggest"), "v-1", (visit, event) => void reported.push([visit, event]));
    assert.deepEqual(reported, [[{ visitorId: "v-1", userId: "u-7" }, { type: "page-viewed", path: "/search" }]]);
  });
});
