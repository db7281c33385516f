import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Cart, CartClient, type CartLine, itemCount, lineNotes, ruleMessage, shippingOptions, type ShippingQuote } from "../../lib/cart.ts";
import { ServiceClient } from "../../lib/services.ts";

const euros = (minor: number) => `€${(minor / 100).toFixed(2)}`;

function line(overrides: Partial<CartLine> = {}): CartLine {
  return {
    sku: "SOS-000001-42-BLK", productName: "Road Runner", size: "42", colour: "Black", quantity: 1, unitPriceMinor: 8999, listPriceMinor: 8999,
    lineTotalMinor: 8999, discountMinor: 0, taxMinor: 1437, taxRatePercent: 19, flashSale: null, priceWhenSetMinor: 8999, priceChanged: false,
    available: 12, stock: "in-stock", stockChanged: false, unavailable: false, ...overrides,
  };
}

describe("lineNotes", () => {
  it("says nothing when neither price nor stock moved", () => {
    assert.deepEqual(lineNotes(line(), euros), []);
  });

  it("names the old and the new price when the price changed since the line was set", () => {
    assert.deepEqual(lineNotes(line({ priceChanged: true, priceWhenSetMinor: 9999 }), euros), ["Price dropped from €99.99 to €89.99."]);
    assert.deepEqual(lineNotes(line({ priceChanged: true, priceWhenSetMinor: 7999 }), euros), ["Price went up from €79.99 to €89.99."]);
  });

  it("says how many are left when fewer than the quantity are, and when a line sold out", () => {
    assert.deepEqual(lineNotes(line({ quantity: 5, available: 2, stock: "short", stockChanged: true }), euros), ["Only 2 left: lower the quantity to order."]);
    assert.deepEqual(lineNotes(line({ available: 0, stock: "out-of-stock", stockChanged: true }), euros), ["Out of stock now."]);
  });

  it("says a SKU the shop stopped selling is outside the total", () => {
    assert.deepEqual(lineNotes(line({ unavailable: true, priceChanged: true }), euros), ["No longer sold: it is not counted in the total."]);
  });
});

describe("itemCount", () => {
  it("counts units of the lines still sold, and nothing without a cart", () => {
    const cart = { lines: [line({ quantity: 2 }), line({ sku: "b", quantity: 3 }), line({ sku: "c", quantity: 4, unavailable: true })] } as Cart;
    assert.equal(itemCount(cart), 5);
    assert.equal(itemCount(null), 0);
  });
});

describe("ruleMessage", () => {
  it("puts the cart API's reasons in the shopper's words, else its detail", () => {
    assert.equal(ruleMessage("expired"), "This code has expired.");
    assert.equal(ruleMessage("lines-per-cart"), "Your cart is full: it holds 50 different items at most.");
    assert.equal(ruleMessage("something-new", "The API's own sentence."), "The API's own sentence.");
  });
});

describe("shippingOptions", () => {
  it("offers one choice per method, and one per nearby store for click and collect", () => {
    const quote = (method: string, stores: ShippingQuote["stores"] = null): ShippingQuote =>
      ({ method, priceMinor: 495, currency: "EUR", free: false, earliestDelivery: "2026-12-02", latestDelivery: "2026-12-03", stores });
    const options = shippingOptions([quote("standard"), quote("click-and-collect", [
      { id: "berlin-mitte", name: "Berlin Mitte", city: "Berlin", country: "DE", distanceKm: 3 },
      { id: "potsdam", name: "Potsdam", city: "Potsdam", country: "DE", distanceKm: 30 },
    ])]);
    assert.deepEqual(options.map(o => o.value), ["standard", "click-and-collect:berlin-mitte", "click-and-collect:potsdam"]);
  });
});

describe("CartClient", () => {
  it("sends the shopper's cart cookie, token and address, and the version it edited", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetcher = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ lines: [] }), { status: 200, headers: { "set-cookie": "sos_cart=abc; path=/; httponly" } });
    }) as unknown as typeof fetch;
    const client = new CartClient(new ServiceClient({ baseUrl: "http://sidecar", headers: { "dapr-api-token": "t" }, prefix: (app, path) => `/v1.0/invoke/${app}/method${path}` }, fetcher));

    const answer = await client.changeLine({ cartCookie: "abc", accessToken: "jwt", forwardedFor: "203.0.113.9" }, "SKU/1", 3, 7);

    assert.equal(calls[0].url, "http://sidecar/v1.0/invoke/cart/method/api/cart/lines/SKU%2F1");
    assert.equal(calls[0].init.method, "PUT");
    assert.deepEqual(JSON.parse(String(calls[0].init.body)), { quantity: 3, version: 7 });
    const headers = calls[0].init.headers as Record<string, string>;
    assert.equal(headers.cookie, "sos_cart=abc");
    assert.equal(headers.authorization, "Bearer jwt");
    assert.equal(headers["x-forwarded-for"], "203.0.113.9");
    assert.equal(headers["dapr-api-token"], "t");
    assert.deepEqual(answer.setCookies, ["sos_cart=abc; path=/; httponly"]);
  });

  it("hands back a stale version's current cart with the problem", async () => {
    const fetcher = (async () => new Response(JSON.stringify({ version: 9, lines: [] }), { status: 409 })) as unknown as typeof fetch;
    const answer = await new CartClient(new ServiceClient({ baseUrl: "http://gw", headers: {}, prefix: (_, p) => p }, fetcher)).removeLine({}, "x", 3);
    assert.equal(answer.ok, false);
    assert.equal(answer.problem?.status, 409);
    assert.equal(answer.body?.version, 9);
  });
});
