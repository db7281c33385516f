import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  deliverable, flashSaleUnitsSentence, flashSaleView, type HubMessage, isAboutOrder, isNewerCart, laterFlashSaleView, SequenceTracker, stockSentence, stockView,
} from "../../lib/live.ts";

const message = (channel: string, sequence: number, type = "cart-changed", data: Record<string, unknown> = {}): HubMessage =>
  ({ channel, sequence, type, id: `event-${sequence}`, occurredAt: "2026-11-30T12:00:00Z", data });

describe("the hub's sequence numbers", () => {
  it("accepts each message once and drops older ones that arrive late", () => {
    const tracker = new SequenceTracker();
    assert.equal(tracker.accept(message("cart:u", 3)), true);
    assert.equal(tracker.accept(message("cart:u", 3)), false, "the same message again (live and in missed)");
    assert.equal(tracker.accept(message("cart:u", 2)), false, "out of order under load");
    assert.equal(tracker.accept(message("stock:A", 1)), true, "per channel");
    assert.equal(tracker.last("cart:u"), 3);
    assert.equal(tracker.last("orders:u"), null, "nothing seen: subscribe without resuming");
  });

  it("hands on a reconnect's missed messages oldest first, without those already seen", () => {
    const tracker = new SequenceTracker();
    tracker.accept(message("cart:u", 4));
    const fresh = deliverable({ channel: "cart:u", sequence: 6, resync: false, latest: null, missed: [message("cart:u", 6), message("cart:u", 4), message("cart:u", 5)] }, tracker);
    assert.deepEqual(fresh.map(m => m.sequence), [5, 6]);
    assert.equal(tracker.last("cart:u"), 6);
  });

  it("hands on the channel's latest message on a first subscribe, and counts from the hub's number", () => {
    const tracker = new SequenceTracker();
    const fresh = deliverable({ channel: "stock:A", sequence: 9, resync: false, missed: [], latest: message("stock:A", 9, "low-stock") }, tracker);
    assert.deepEqual(fresh.map(m => m.sequence), [9]);
    assert.equal(tracker.accept(message("stock:A", 8)), false);
    assert.equal(deliverable({ channel: "orders:u", sequence: 2, resync: false, missed: [], latest: null }, tracker).length, 0);
    assert.equal(tracker.last("orders:u"), 2);
  });
});

describe("what a page does with a message", () => {
  it("re-renders the cart only for a version newer than the one shown", () => {
    assert.equal(isNewerCart(message("cart:u", 1, "cart-changed", { version: 5 }), 4), true);
    assert.equal(isNewerCart(message("cart:u", 1, "cart-changed", { version: 4 }), 4), false, "this tab's own change, already shown");
    assert.equal(isNewerCart(message("cart:u", 1, "cart-abandoned", { version: 9 }), 4), false);
  });

  it("follows only the order shown among the user's orders", () => {
    assert.equal(isAboutOrder(message("orders:u", 1, "order-status-changed", { orderId: "o-1", status: "Paid" }), "o-1"), true);
    assert.equal(isAboutOrder(message("orders:u", 2, "order-status-changed", { orderId: "o-2", status: "Paid" }), "o-1"), false);
  });

  it("says a variant's stock as the hub reports it: count, low, sold out, back in stock", () => {
    const view = (type: string, data: Record<string, unknown>) => stockView(message("stock:A", 1, type, data))!;
    assert.equal(stockSentence(view("stock-changed", { sku: "A", status: "available", available: 23 }), "42, Black"), "In stock in 42, Black — 23 left");
    assert.equal(stockSentence(view("low-stock", { sku: "A", status: "low" }), "42, Black"), "Low stock in 42, Black: only a few left", "anonymous: no count below 10");
    assert.equal(stockSentence(view("stock-changed", { sku: "A", status: "low", available: 3 }), "42, Black"), "Low stock in 42, Black — 3 left");
    assert.equal(stockSentence(view("stock-changed", { sku: "A", status: "out", available: 0 }), "42, Black"), "Sold out in 42, Black");
    assert.equal(stockSentence(view("back-in-stock", { sku: "A", status: "available", available: 12 }), "42, Black"), "Back in stock in 42, Black — 12 left");
    assert.equal(stockView(message("stock:A", 1, "flash-sale-started", {})), null);
  });
});

describe("a flash sale's units left", () => {
  const sale = "0193f000-0000-7000-8000-000000000001";
  const units = (sequence: number, type: string, data: Record<string, unknown>) => message("flash-sales", sequence, type, { flashSaleId: sale, ...data });

  it("counts down with the hub's figures and says sold out", () => {
    const seven = flashSaleView(units(1, "flash-sale-stock-changed", { status: "low", remaining: 7, asOf: "2026-11-30T12:00:01Z" }), sale)!;
    const gone = flashSaleView(units(2, "flash-sale-sold-out", { status: "out", remaining: 0, asOf: "2026-11-30T12:00:02Z" }), sale)!;
    assert.equal(flashSaleUnitsSentence(seven), "7 left");
    assert.equal(flashSaleUnitsSentence(gone), "Sold out");
    assert.equal(flashSaleUnitsSentence({ status: "low", remaining: null }), "Only a few left", "anonymous below the threshold");
    assert.equal(flashSaleUnitsSentence(flashSaleView(units(3, "flash-sale-ended", {}), sale)!), "Ended");
  });

  it("ignores other sales and keeps the figure of the later stock report when two cross", () => {
    assert.equal(flashSaleView({ ...units(1, "flash-sale-stock-changed", { remaining: 3 }), data: { flashSaleId: "other", remaining: 3 } }, sale), null);
    const later = flashSaleView(units(2, "flash-sale-stock-changed", { status: "low", remaining: 4, asOf: "2026-11-30T12:00:05Z" }), sale)!;
    const earlier = flashSaleView(units(3, "flash-sale-stock-changed", { status: "low", remaining: 5, asOf: "2026-11-30T12:00:04Z" }), sale)!;
    assert.equal(laterFlashSaleView(later, earlier).remaining, 4);
    assert.equal(laterFlashSaleView(null, earlier).remaining, 5);
  });
});
