import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatCountdown, formatMoney, majorUnits, percentOff } from "../../lib/format.ts";

describe("formatMoney", () => {
  it("shows minor units as the currency's major units with its symbol", () => {
    assert.equal(formatMoney({ amountMinor: 8999, currency: "EUR" }), "€89.99");
    assert.equal(formatMoney({ amountMinor: 100000, currency: "EUR" }), "€1,000.00");
  });

  it("respects a currency without decimals", () => {
    assert.equal(formatMoney({ amountMinor: 1500, currency: "JPY" }), "JP¥1,500");
  });
});

describe("majorUnits", () => {
  it("gives the amount with the currency's decimals", () => {
    assert.equal(majorUnits({ amountMinor: 8990, currency: "EUR" }), "89.90");
    assert.equal(majorUnits({ amountMinor: 1500, currency: "JPY" }), "1500");
  });
});

describe("formatCountdown", () => {
  it("shows hours, minutes and seconds under a day", () => {
    assert.equal(formatCountdown((3 * 3600 + 4 * 60 + 5) * 1000 + 999), "03:04:05");
  });

  it("adds days from one day on", () => {
    assert.equal(formatCountdown((2 * 86_400 + 3600) * 1000), "2d 01:00:00");
  });

  it("never goes below zero once the end has passed", () => {
    assert.equal(formatCountdown(-5000), "00:00:00");
  });
});

describe("percentOff", () => {
  it("rounds the saving down so the shop never overstates it", () => {
    assert.equal(percentOff({ amountMinor: 6667, currency: "EUR" }, { amountMinor: 10000, currency: "EUR" }), 33);
  });

  it("is null without a higher reference price in the same currency", () => {
    assert.equal(percentOff({ amountMinor: 5000, currency: "EUR" }, null), null);
    assert.equal(percentOff({ amountMinor: 5000, currency: "EUR" }, { amountMinor: 5000, currency: "EUR" }), null);
    assert.equal(percentOff({ amountMinor: 5000, currency: "EUR" }, { amountMinor: 9000, currency: "USD" }), null);
  });
});
