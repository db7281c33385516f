import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Variant } from "../../lib/catalog.ts";
import { chooseVariant } from "../../lib/variants.ts";

const money = (amountMinor: number) => ({ amountMinor, currency: "EUR" });
const variant = (size: string, colour: string, inStock: boolean): Variant => ({
  id: `${size}-${colour}`, sku: `SOS-000001-${size}-${colour}`, size, colour, price: money(9999), listPrice: money(9999), compareAtPrice: null, inStock,
});
const shoe = [variant("EU 41", "Black", false), variant("EU 42", "Black", false), variant("EU 41", "Red", true), variant("EU 42", "Red", false)];

describe("chooseVariant", () => {
  it("defaults to the first colour in stock and lets the shopper choose the size", () => {
    const choice = chooseVariant(shoe, {});
    assert.equal(choice.colour, "Red");
    assert.equal(choice.size, null);
    assert.equal(choice.variant, null);
    assert.deepEqual(choice.colours, [{ colour: "Black", inStock: false }, { colour: "Red", inStock: true }]);
  });

  it("names the variant once colour and size are chosen, sold out or not", () => {
    assert.equal(chooseVariant(shoe, { colour: "Red", size: "EU 41" }).variant?.sku, "SOS-000001-EU 41-Red");
    const soldOut = chooseVariant(shoe, { colour: "Black", size: "EU 42" }).variant;
    assert.equal(soldOut?.inStock, false);
  });

  it("lists the chosen colour's sizes with their stock", () => {
    assert.deepEqual(chooseVariant(shoe, { colour: "Red" }).sizes, [{ size: "EU 41", inStock: true }, { size: "EU 42", inStock: false }]);
  });

  it("ignores an unknown colour or size", () => {
    const choice = chooseVariant(shoe, { colour: "Purple", size: "EU 50" });
    assert.equal(choice.colour, "Red");
    assert.equal(choice.size, null);
  });

  it("chooses the only size of a one-size product", () => {
    assert.equal(chooseVariant([variant("One size", "Blue", true)], {}).variant?.size, "One size");
  });
});
