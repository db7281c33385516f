import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fromOwnSidecar } from "../../lib/appToken.ts";
import { catalogTags, SlugIndex, staleTags } from "../../lib/catalogEvents.ts";

const slugs = new SlugIndex();
slugs.remember({ id: "p-1", slug: "trail-runner", variants: [{ sku: "TR-42-BLK" }, { sku: "TR-43-BLK" }] });

describe("which cached catalog answers an event makes stale", () => {
  it("a changed product: its page and the listings", () => {
    assert.deepEqual(staleTags("catalog-product-changed-v1", { productId: "p-9", slug: "new-ball" }, slugs), [catalogTags.product("new-ball"), catalogTags.listings]);
  });

  it("a new price: the product it belongs to, found by id or SKU; every product when this server never showed it", () => {
    assert.deepEqual(staleTags("catalog-price-changed-v1", { productId: "p-1", sku: "TR-42-BLK" }, slugs), ["catalog-product:trail-runner", catalogTags.listings]);
    assert.deepEqual(staleTags("catalog-price-changed-v1", { productId: "p-2", sku: "TR-43-BLK" }, slugs), ["catalog-product:trail-runner", catalogTags.listings]);
    assert.deepEqual(staleTags("catalog-price-changed-v1", { productId: "p-3", sku: "XX" }, slugs), [catalogTags.products, catalogTags.listings]);
  });

  it("a flash sale starting or ending: every product and listing", () => {
    assert.deepEqual(staleTags("catalog-flash-sale-started-v1", { flashSaleId: "f" }, slugs), [catalogTags.products, catalogTags.listings]);
    assert.deepEqual(staleTags("catalog-flash-sale-ended-v1", { flashSaleId: "f" }, slugs), [catalogTags.products, catalogTags.listings]);
  });

  it("stock: only a SKU selling out or coming back, not every reservation", () => {
    assert.deepEqual(staleTags("inventory-stock-changed-v1", { sku: "TR-42-BLK", totalAvailable: 7 }, slugs), []);
    assert.deepEqual(staleTags("inventory-stock-changed-v1", { sku: "TR-42-BLK", totalAvailable: 0 }, slugs), ["catalog-product:trail-runner", catalogTags.listings]);
    assert.deepEqual(staleTags("inventory-back-in-stock-v1", { sku: "TR-43-BLK", totalAvailable: 3 }, slugs), ["catalog-product:trail-runner", catalogTags.listings]);
  });

  it("anything else changes nothing", () => {
    assert.deepEqual(staleTags("cart-cart-changed-v1", { cartId: "c" }, slugs), []);
    assert.deepEqual(staleTags("catalog-product-changed-v1", null, slugs), [catalogTags.products, catalogTags.listings]);
  });
});

describe("who may deliver events to the storefront", () => {
  it("only its own sidecar, with the app API token", () => {
    assert.equal(fromOwnSidecar(new Headers({ "dapr-api-token": "s3cret" }), "s3cret"), true);
    assert.equal(fromOwnSidecar(new Headers({ "dapr-api-token": "guess" }), "s3cret"), false);
    assert.equal(fromOwnSidecar(new Headers(), "s3cret"), false);
    assert.equal(fromOwnSidecar(new Headers({ "dapr-api-token": "anything" }), undefined), false, "no token configured: nobody");
  });
});
