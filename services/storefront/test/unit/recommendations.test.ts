import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ProductSummary } from "../../lib/catalog.ts";
import { RecommendationsClient } from "../../lib/recommendations.ts";
import { ServiceClient } from "../../lib/services.ts";

const target = { baseUrl: "http://sidecar", headers: {}, prefix: (app: string, path: string) => `/v1.0/invoke/${app}/method${path}` };

function card(id: string): ProductSummary {
  const price = { amountMinor: 1000, currency: "EUR" };
  return { id, slug: `p-${id}`, name: `Product ${id}`, brand: { slug: "b", name: "B" }, images: [], price, listPrice: price, onSale: false, inStock: true };
}

function client(answer: () => Promise<Response>, calls: { url: string; init: RequestInit }[] = []) {
  const fetcher = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return answer();
  }) as unknown as typeof fetch;
  return new RecommendationsClient(new ServiceClient(target, fetcher), async id => (id === "gone" ? null : card(id)));
}

const json = (body: unknown) => async () => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });

describe("RecommendationsClient", () => {
  it("asks analytics for a product's recommendations and turns them into the catalog's cards, in analytics' order, leaving out products no longer sold", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const recommended = await client(json({ data: { recommendations: [{ productId: "b", reason: "bought-together" }, { productId: "gone", reason: "similar" }, { productId: "a", reason: "best-seller" }] } }), calls)
      .forProduct("p1", 4);
    assert.deepEqual(recommended.map(r => [r.product.id, r.reason]), [["b", "bought-together"], ["a", "best-seller"]]);
    assert.equal(calls[0]!.url, "http://sidecar/v1.0/invoke/analytics/method/graphql");
    assert.deepEqual(JSON.parse(String(calls[0]!.init.body)).variables, { productId: "p1", first: 4 });
  });

  it("asks for personal recommendations with the shopper's token, and asks nothing for a signed-out shopper", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const recommendations = client(json({ data: { recommendedForMe: [{ productId: "c", reason: "for-you" }] } }), calls);
    assert.deepEqual(await recommendations.forShopper({}, 4), []);
    assert.equal(calls.length, 0);
    const mine = await recommendations.forShopper({ accessToken: "token-1" }, 4);
    assert.deepEqual(mine.map(r => r.product.id), ["c"]);
    assert.equal((calls[0]!.init.headers as Record<string, string>).authorization, "Bearer token-1");
  });

  it("shows nothing, and never throws, when analytics is down or answers an error", async () => {
    assert.deepEqual(await client(async () => { throw new TypeError("fetch failed"); }).forProduct("p1", 4), []);
    assert.deepEqual(await client(async () => new Response("", { status: 503 })).forProduct("p1", 4), []);
    assert.deepEqual(await client(json({ errors: [{ message: "boom" }], data: null })).forProduct("p1", 4), []);
  });
});
