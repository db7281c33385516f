import assert from "node:assert/strict";
import { createHmac, randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { addToCart, launch, newShopper, openProductInStock, shopUrl, snapshot } from "./support.ts";

/** The delivery partners' secret of the shop under test (Storefront.Tests), else the embedded profile's development one. */
const deliverySecret = process.env.DELIVERY_WEBHOOK_SECRET ?? "whsec_s0VX66YUmYEEGc5ZYKjQiV1FFLU31fglKjJKJnfE9Ow=";

let browser: Browser;
let page: Page;

/** A delivery partner's event, signed as Standard Webhooks asks, sent to the gateway's /webhooks/delivery. */
async function partnerReports(type: "shipment.shipped" | "shipment.delivered", orderNumber: string, trackingNumber: string) {
  const now = new Date();
  const payload = JSON.stringify({
    type,
    timestamp: now.toISOString(),
    data: { orderNumber, carrier: "DHL", trackingNumber, trackingUrl: `https://www.dhl.com/track?id=${trackingNumber}`, deliveredAt: type === "shipment.delivered" ? now.toISOString() : null },
  });
  const id = `msg_${randomUUID()}`;
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const key = Buffer.from(deliverySecret.replace(/^whsec_/, ""), "base64");
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${payload}`).digest("base64");
  const response = await fetch(`${shopUrl}/webhooks/delivery`, {
    method: "POST",
    headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": `v1,${signature}` },
    body: payload,
  });
  assert.equal(response.status, 200, `${type}: ${await response.text()}`);
}

/** One item to Berlin by standard delivery, paid with the sandbox card; the order's page once it says Paid. */
async function buyOneItem(): Promise<{ id: string; number: string }> {
  // Once an order is paid, ordering takes its lines off the cart: start when it has (the cart page follows live).
  await page.goto(`${shopUrl}/cart`);
  await page.getByText("Your cart is empty.").waitFor({ timeout: 60_000 });
  await openProductInStock(page);
  await addToCart(page, 1);
  await page.goto(`${shopUrl}/cart`);
  await page.getByLabel("Country").selectOption("DE");
  await page.getByLabel("Postal code").fill("10115");
  await page.getByRole("button", { name: "Save destination" }).click();
  // The cart keeps the last order's destination: wait for this save itself, so the next form carries its version.
  await page.getByRole("status").filter({ hasText: "Destination saved" }).waitFor();
  await page.getByRole("heading", { name: "Shipping to Germany" }).waitFor();
  await page.getByRole("radio", { name: /^Standard/ }).check();
  await page.getByRole("button", { name: "Use this shipping" }).click();
  await page.getByRole("status").filter({ hasText: "Shipping method saved." }).waitFor();
  await page.getByRole("link", { name: "Checkout" }).click();
  await page.getByRole("button", { name: "Place order and pay" }).click();
  await page.waitForURL(/\/sandbox\/checkout\/pi_/);
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: /^Pay / }).click();
  await page.waitForURL(/\/orders\/[\w-]+/);
  await page.getByTestId("order-status").filter({ hasText: "Paid" }).waitFor({ timeout: 60_000 });
  const number = ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").replace(/^Order /, "");
  return { id: new URL(page.url()).pathname.split("/").pop()!, number };
}

describe("order history, cancelling and returns in a browser", { timeout: 420_000 }, () => {
  before(async () => {
    browser = await launch();
    ({ page } = await newShopper(browser));
    await page.goto(`${shopUrl}/register`);
    await page.getByLabel("Email").fill(`orders-${randomUUID().slice(0, 8)}@example.test`);
    await page.getByLabel("Password").fill("correct horse battery staple");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("link", { name: "Account", exact: true }).waitFor();
  });

  after(async () => {
    await browser?.close();
  });

  it("lists the shopper's orders newest first and opens one", async () => {
    await page.goto(`${shopUrl}/account/orders`);
    await page.getByText("You have not ordered anything yet.").waitFor();
    const first = await buyOneItem();
    const second = await buyOneItem();
    await page.goto(`${shopUrl}/account`);
    await page.getByRole("link", { name: "Your orders" }).click();
    const rows = page.getByTestId("order-history").locator("tbody tr");
    await rows.nth(1).waitFor();
    assert.equal(await rows.count(), 2);
    assert.equal(await rows.nth(0).locator("th").textContent(), second.number, "newest first");
    assert.equal(await rows.nth(1).locator("th").textContent(), first.number);
    assert.match((await rows.nth(0).textContent()) ?? "", /Paid/);
    await snapshot(page, "order-history");
    await rows.nth(1).getByRole("link", { name: first.number }).click();
    await page.waitForURL(`${shopUrl}/orders/${first.id}`);
    await page.getByRole("heading", { name: `Order ${first.number}` }).waitFor();
  });

  it("cancels a paid order before it ships, and the status follows live", async () => {
    await page.getByRole("button", { name: "Cancel this order" }).click();
    await page.getByTestId("order-status").filter({ hasText: "Cancelled" }).waitFor({ timeout: 60_000 });
    await page.getByText("You cancelled this order.").waitFor();
    assert.equal(await page.getByRole("button", { name: "Cancel this order" }).count(), 0, "nothing left to cancel");
  });

  it("returns a line of a delivered order with a reason and shows the return's status", async () => {
    await page.goto(`${shopUrl}/account/orders`);
    const newest = page.getByTestId("order-history").locator("tbody tr").first();
    const number = (await newest.locator("th").textContent())!;
    await newest.getByRole("link").click();
    await page.getByRole("heading", { name: `Order ${number}` }).waitFor();

    const tracking = `JJD${Date.now()}`;
    await partnerReports("shipment.shipped", number, tracking);
    await page.getByTestId("order-status").filter({ hasText: "Shipped" }).waitFor({ timeout: 60_000 });
    assert.equal(await page.getByRole("button", { name: "Cancel this order" }).count(), 0, "a shipped order cannot be cancelled");
    await partnerReports("shipment.delivered", number, tracking);
    await page.getByTestId("order-status").filter({ hasText: "Delivered" }).waitFor({ timeout: 60_000 });
    await page.getByRole("link", { name: tracking }).waitFor();

    const form = page.getByRole("form", { name: "Return items" });
    await form.getByRole("checkbox").first().check();
    await form.getByLabel("Why").first().selectOption("wrong-size");
    await form.getByRole("button", { name: "Request the return" }).click();
    // The form goes once nothing is left to return; the list of returns says what became of it.
    await page.getByTestId("returns").filter({ hasText: "Requested" }).waitFor();
    assert.match((await page.getByTestId("returns").textContent()) ?? "", /1 × .+ \(Wrong size\)/);
    assert.equal(await page.getByRole("form", { name: "Return items" }).count(), 0, "its only unit is on its way back");
    await snapshot(page, "order-return");
  });
});
