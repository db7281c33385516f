import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CatalogClient, CatalogUnavailableError } from "../../lib/catalog.ts";
import { apiTarget } from "../../lib/services.ts";

type Call = { url: string; init: RequestInit };

function recording(answer: (call: Call) => Response) {
  const calls: Call[] = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    const call = { url, init };
    calls.push(call);
    return answer(call);
  }) as unknown as typeof fetch;
  return { calls, fetcher };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("apiTarget", () => {
  it("calls through the storefront's sidecar with service invocation when it has one", () => {
    const target = apiTarget({ DAPR_HTTP_ENDPOINT: "http://127.0.0.1:3505/", DAPR_API_TOKEN: "t0k" });
    assert.equal(target.baseUrl + target.prefix("catalog", "/graphql"), "http://127.0.0.1:3505/v1.0/invoke/catalog/method/graphql");
    assert.deepEqual(target.headers, { "dapr-api-token": "t0k" });
  });

  it("falls back to the gateway's public paths without a sidecar", () => {
    const target = apiTarget({ GATEWAY_URL: "http://gw:8080" });
    assert.equal(target.baseUrl + target.prefix("catalog", "/graphql"), "http://gw:8080/graphql/catalog");
    assert.equal(target.baseUrl + target.prefix("catalog", "/api/flash-sales"), "http://gw:8080/api/catalog/flash-sales");
    assert.deepEqual(target.headers, {});
  });
});

describe("CatalogClient", () => {
  const sidecar = apiTarget({ DAPR_HTTP_ENDPOINT: "http://sidecar", DAPR_API_TOKEN: "t0k" });

  it("posts GraphQL with its variables and the sidecar's token, and returns the data", async () => {
    const { calls, fetcher } = recording(() => json({ data: { product: { slug: "trail-shoe" } } }));
    const product = await new CatalogClient(sidecar, fetcher).product("trail-shoe");
    assert.equal(product?.slug, "trail-shoe");
    assert.equal(calls[0].url, "http://sidecar/v1.0/invoke/catalog/method/graphql");
    assert.equal(calls[0].init.method, "POST");
    assert.equal((calls[0].init.headers as Record<string, string>)["dapr-api-token"], "t0k");
    assert.deepEqual(JSON.parse(calls[0].init.body as string).variables, { slug: "trail-shoe" });
  });

  it("sends the listing's filters, sort and cursor to the search", async () => {
    const { calls, fetcher } = recording(() => json({ data: { search: { totalCount: 0 } } }));
    await new CatalogClient(sidecar, fetcher).search({ query: "ball", filters: { sizes: ["5"] }, sort: "PRICE_ASC", after: "c1" }, 12);
    assert.deepEqual(JSON.parse(calls[0].init.body as string).variables, { query: "ball", filters: { sizes: ["5"] }, sort: "PRICE_ASC", first: 12, after: "c1" });
  });

  it("reports GraphQL errors and unreachable or failing services as the catalog being unavailable", async () => {
    const errors = recording(() => json({ errors: [{ message: "bad argument" }] }));
    await assert.rejects(new CatalogClient(sidecar, errors.fetcher).rootCategories(), CatalogUnavailableError);
    const down = recording(() => { throw new TypeError("fetch failed"); });
    await assert.rejects(new CatalogClient(sidecar, down.fetcher).rootCategories(), CatalogUnavailableError);
    const failing = recording(() => json({ title: "Bad gateway" }, 502));
    await assert.rejects(new CatalogClient(sidecar, failing.fetcher).rootCategories(), CatalogUnavailableError);
  });

  it("keeps only the flash sales running now, soonest to end first", async () => {
    const now = new Date("2026-06-01T12:00:00Z");
    const sale = (id: string, startsAt: string, endsAt: string) => ({ id, name: id, productIds: [], startsAt, endsAt, state: "Started", percentOff: 20 });
    const { fetcher } = recording(() => json({ items: [
      sale("later", "2026-06-01T10:00:00Z", "2026-06-03T00:00:00Z"),
      sale("ended", "2026-05-01T10:00:00Z", "2026-06-01T11:00:00Z"),
      sale("soon", "2026-06-01T11:00:00Z", "2026-06-01T13:00:00Z"),
      sale("upcoming", "2026-06-02T00:00:00Z", "2026-06-04T00:00:00Z"),
    ] }));
    const live = await new CatalogClient(sidecar, fetcher).liveFlashSales(now);
    assert.deepEqual(live.map(s => s.id), ["soon", "later"]);
  });

  it("follows the product list's cursors for the sitemap", async () => {
    const { calls, fetcher } = recording(call =>
      call.url.includes("cursor=") ? json({ items: [{ slug: "b" }], nextCursor: null }) : json({ items: [{ slug: "a" }], nextCursor: "n1" }));
    const slugs = await new CatalogClient(sidecar, fetcher).allProductSlugs();
    assert.deepEqual(slugs.map(s => s.slug), ["a", "b"]);
    assert.match(calls[1].url, /cursor=n1/);
  });
});
