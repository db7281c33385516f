import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isSelected, listingHref, parseListing } from "../../lib/listing.ts";

describe("parseListing", () => {
  it("reads repeated facet parameters as any-of filters and the category from the path", () => {
    const listing = parseListing({ brand: ["stride", "apex"], size: "EU 42", colour: "Black" }, "running-shoes");
    assert.deepEqual(listing.filters, { category: "running-shoes", brands: ["stride", "apex"], sizes: ["EU 42"], colours: ["Black"] });
  });

  it("turns a price band into an inclusive range (the band's upper bound is exclusive)", () => {
    assert.deepEqual(parseListing({ price: "2500-5000" }).filters, { minPrice: 2500, maxPrice: 4999 });
    assert.deepEqual(parseListing({ price: "20000-" }).filters, { minPrice: 20000 });
  });

  it("sorts by relevance with search text and by best selling without", () => {
    assert.equal(parseListing({ q: "shoe" }).sort, "RELEVANCE");
    assert.equal(parseListing({}).sort, "BEST_SELLING");
    assert.equal(parseListing({ sort: "price_asc" }).sort, "PRICE_ASC");
  });

  it("ignores malformed values instead of failing the page", () => {
    const listing = parseListing({ sort: "cheapest", price: "lots", stock: "maybe", q: "  " });
    assert.deepEqual(listing, { query: undefined, filters: {}, sort: "BEST_SELLING", after: undefined });
  });

  it("keeps the page cursor and the in-stock filter", () => {
    const listing = parseListing({ after: "abc", stock: "in" });
    assert.equal(listing.after, "abc");
    assert.equal(listing.filters.inStock, true);
  });
});

describe("listingHref", () => {
  it("adds a facet value and removes it again", () => {
    const added = listingHref("/c/shoes", { brand: "apex" }, { toggle: ["brand", "stride"] });
    assert.equal(added, "/c/shoes?brand=apex&brand=stride");
    assert.equal(listingHref("/c/shoes", { brand: ["apex", "stride"] }, { toggle: ["brand", "apex"] }), "/c/shoes?brand=stride");
  });

  it("starts again from the first page when the filters or the sort change", () => {
    assert.equal(listingHref("/search", { q: "ball", after: "xyz" }, { set: { sort: "newest" } }), "/search?q=ball&sort=newest");
    assert.equal(listingHref("/search", { q: "ball", after: "xyz" }, { toggle: ["size", "5"] }), "/search?q=ball&size=5");
  });

  it("moves to the next page by setting the cursor", () => {
    assert.equal(listingHref("/search", { q: "ball" }, { set: { after: "c2" } }), "/search?q=ball&after=c2");
  });

  it("encodes values and drops an emptied parameter", () => {
    assert.equal(listingHref("/c/shoes", {}, { toggle: ["size", "EU 42 / US 9"] }), "/c/shoes?size=EU+42+%2F+US+9");
    assert.equal(listingHref("/c/shoes", { price: "0-2500" }, { set: { price: undefined } }), "/c/shoes");
  });

  it("tells which facet values are selected", () => {
    assert.equal(isSelected({ colour: ["Black", "Red"] }, "colour", "Red"), true);
    assert.equal(isSelected({ colour: "Black" }, "colour", "Red"), false);
  });
});
