import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { addToCart, launch, newShopper, openProductInStock, shopUrl, snapshot } from "./support.ts";

let browser: Browser;
let page: Page;

describe("guest checkout in a browser", { timeout: 240_000 }, () => {
  before(async () => {
    browser = await launch();
    ({ page } = await newShopper(browser));
  });

  after(async () => {
    await browser?.close();
  });

  it("a shopper without an account gives an email, pays with the sandbox card and sees the order placed", async () => {
    await openProductInStock(page);
    await addToCart(page, 1);
    await page.goto(`${shopUrl}/cart`);
    await page.getByLabel("Country").selectOption("FR");
    await page.getByLabel("Postal code").fill("75001");
    await page.getByRole("button", { name: "Save destination" }).click();
    await page.getByRole("status").filter({ hasText: "Destination saved" }).waitFor();
    await page.getByRole("heading", { name: "Shipping to France" }).waitFor();
    await page.getByRole("radio", { name: /^Standard/ }).check();
    await page.getByRole("button", { name: "Use this shipping" }).click();
    await page.getByRole("status").filter({ hasText: "Shipping method saved." }).waitFor();
    await page.getByRole("link", { name: "Checkout" }).click();
    await page.waitForURL(/\/checkout$/);
    await page.getByTestId("guest-checkout").waitFor();

    const email = `guest-${randomUUID().slice(0, 8)}@example.test`;
    await page.getByLabel("Email for the order confirmation").fill(email);
    await snapshot(page, "checkout-guest");
    await page.getByRole("button", { name: "Place order and pay" }).click();
    await page.waitForURL(/\/sandbox\/checkout\/pi_/);
    await page.getByLabel("Card number").fill("4242 4242 4242 4242");
    await page.getByRole("button", { name: /^Pay / }).click();
    await page.waitForURL(/\/orders\/[\w-]+/);
    assert.match((await page.getByRole("heading", { level: 1 }).textContent()) ?? "", /^Order SOS-\d{4}-\d{6}$/);
    await page.getByTestId("guest-order-placed").filter({ hasText: email }).waitFor();
  });

  it("another browser cannot open the guest's order page", async () => {
    const orderUrl = page.url();
    const { page: stranger } = await newShopper(browser);
    await stranger.goto(orderUrl);
    await stranger.waitForURL(/\/sign-in\?next=%2Forders%2F/);
  });
});
