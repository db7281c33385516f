import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fieldErrors, IdentityClient } from "../../lib/identity.ts";
import { ServiceClient } from "../../lib/services.ts";

describe("fieldErrors", () => {
  it("gives each form field identity's messages for it", () => {
    assert.deepEqual(fieldErrors({ status: 400, errors: { password: ["min-length: at least 12 characters."], "sizes.shoe": ["At most 16.", "Really."] } }), {
      password: "min-length: at least 12 characters.",
      "sizes.shoe": "At most 16. Really.",
    });
    assert.deepEqual(fieldErrors(null), {});
  });
});

describe("IdentityClient", () => {
  it("signs in through the sidecar with the shopper's address, so identity's per-client limit counts the shopper", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetcher = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ detail: "Too many sign-in attempts." }), { status: 429, headers: { "retry-after": "42" } });
    }) as unknown as typeof fetch;
    const identity = new IdentityClient(new ServiceClient({ baseUrl: "http://sidecar", headers: {}, prefix: (app, path) => `/v1.0/invoke/${app}/method${path}` }, fetcher));

    const answer = await identity.login({ forwardedFor: "198.51.100.7" }, "ana@example.test", "secret");

    assert.equal(calls[0].url, "http://sidecar/v1.0/invoke/identity/method/api/auth/login");
    assert.equal((calls[0].init.headers as Record<string, string>)["x-forwarded-for"], "198.51.100.7");
    assert.equal(answer.status, 429);
    assert.equal(answer.retryAfter, "42");
  });
});
