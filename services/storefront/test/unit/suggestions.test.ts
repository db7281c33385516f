import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { moveActive, suggestionsFrom } from "../../lib/suggestions.ts";

describe("search suggestions", () => {
  it("name the product and its brand, and link to its page", () => {
    assert.deepEqual(suggestionsFrom([{ name: "Trail Runner 2", slug: "trail-runner-2", brand: { slug: "stride", name: "Stride" } }]), [
      { name: "Trail Runner 2", brand: "Stride", href: "/p/trail-runner-2" },
    ]);
  });

  it("the arrow keys move through the list and wrap; up from the first goes back to the input", () => {
    assert.equal(moveActive(-1, 3, "ArrowDown"), 0);
    assert.equal(moveActive(2, 3, "ArrowDown"), 0);
    assert.equal(moveActive(1, 3, "ArrowUp"), 0);
    assert.equal(moveActive(0, 3, "ArrowUp"), -1);
    assert.equal(moveActive(-1, 0, "ArrowDown"), -1, "nothing to move to");
  });
});
