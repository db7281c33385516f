import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeNext, signInFor } from "../../lib/redirects.ts";

describe("where a sign-in may send the shopper next", () => {
  it("keeps a path on the shop, with its query and fragment", () => {
    assert.equal(safeNext("/checkout"), "/checkout");
    assert.equal(safeNext("/orders/0193-abc?payment=failed#lines"), "/orders/0193-abc?payment=failed#lines");
    assert.equal(safeNext("/c/running/../cart"), "/c/cart", "as the browser resolves it");
  });

  it("refuses every way out of the site: an open redirect is a phishing tool", () => {
    for (const attack of [
      "https://evil.example/",
      "http:evil.example",
      "//evil.example/path",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      " //evil.example",
      "javascript:alert(1)",
      "evil.example",
      "",
    ])
      assert.equal(safeNext(attack), null, JSON.stringify(attack));
    assert.equal(safeNext(undefined), null);
    assert.equal(safeNext(["/cart"]), null);
  });

  it("keeps an encoded slash as a path, never as a host", () => {
    assert.equal(safeNext("/%2F%2Fevil.example"), "/%2F%2Fevil.example");
  });

  it("builds the sign-in link that comes back", () => {
    assert.equal(signInFor("/checkout"), "/sign-in?next=%2Fcheckout");
    assert.equal(signInFor("/"), "/sign-in");
    assert.equal(signInFor("//evil.example"), "/sign-in");
  });
});
