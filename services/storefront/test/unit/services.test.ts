import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cookieFromSetCookie, messageFor, ServiceClient, ServiceUnavailableError } from "../../lib/services.ts";
import { refreshOnce, type Tokens, userOf } from "../../lib/tokens.ts";

describe("cookieFromSetCookie", () => {
  it("reads the value a service asked the browser to keep", () => {
    assert.equal(cookieFromSetCookie(["other=1; path=/", "sos_cart=Zm9v; max-age=2592000; path=/; samesite=lax; httponly"], "sos_cart"), "Zm9v");
  });

  it("says delete for an expired or emptied cookie, and nothing when the cookie is not named", () => {
    assert.equal(cookieFromSetCookie(["sos_cart=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/"], "sos_cart"), null);
    assert.equal(cookieFromSetCookie(["sos_cart=x; max-age=0"], "sos_cart"), null);
    assert.equal(cookieFromSetCookie(["other=1"], "sos_cart"), undefined);
  });
});

describe("messageFor", () => {
  it("tells a rate-limited shopper how long to wait", () => {
    assert.equal(messageFor({ status: 429 }, "30"), "Too many attempts. Please wait 30 seconds and try again.");
  });

  it("says a service is down in plain words, and otherwise uses the service's own detail or field error", () => {
    assert.match(messageFor({ status: 503, detail: "catalog timeout" }), /not answering right now/);
    assert.equal(messageFor({ status: 401, detail: "Invalid email or password." }), "Invalid email or password.");
    assert.equal(messageFor({ status: 400, errors: { quantity: ["must be at most 10"] } }), "quantity: must be at most 10");
  });
});

describe("ServiceClient", () => {
  it("turns a connection failure into ServiceUnavailableError", async () => {
    const fetcher = (async () => { throw new TypeError("fetch failed"); }) as unknown as typeof fetch;
    await assert.rejects(new ServiceClient({ baseUrl: "http://x", headers: {}, prefix: (_, p) => p }, fetcher).call("cart", "/api/cart"), ServiceUnavailableError);
  });
});

describe("userOf", () => {
  it("reads who an access token names, and nothing from garbage", () => {
    const payload = Buffer.from(JSON.stringify({ sub: "0190-user", email: "ana@example.test", roles: ["customer"] })).toString("base64url");
    assert.deepEqual(userOf(`h.${payload}.s`), { id: "0190-user", email: "ana@example.test", roles: ["customer"] });
    assert.equal(userOf("not-a-token"), null);
    assert.equal(userOf(undefined), null);
  });
});

describe("refreshOnce", () => {
  it("spends a refresh token once however many requests ask at the same time", async () => {
    let calls = 0;
    const tokens = { accessToken: "a2", refreshToken: "r2" } as Tokens;
    const refresh = async () => { calls++; await new Promise(resolve => setTimeout(resolve, 10)); return tokens; };
    const answers = await Promise.all([refreshOnce("r1", refresh), refreshOnce("r1", refresh), refreshOnce("r1", refresh)]);
    assert.equal(calls, 1);
    assert.ok(answers.every(answer => answer === tokens));
  });
});
