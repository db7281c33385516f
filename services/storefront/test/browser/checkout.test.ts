import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { addToCart, launch, newShopper, openProductInStock, shopUrl, snapshot } from "./support.ts";

let browser: Browser;
let page: Page;

/** Registers a new shopper (signed in at once), puts one item in the cart, ships it to Berlin by standard delivery. */
async function signedInShopperWithACart() {
  ({ page } = await newShopper(browser));
  await page.goto(`${shopUrl}/register`);
  await page.getByLabel("Email").fill(`buyer-${randomUUID().slice(0, 8)}@example.test`);
  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("link", { name: "Account", exact: true }).waitFor();
  await openProductInStock(page);
  await addToCart(page, 1);
  await page.goto(`${shopUrl}/cart`);
  await page.getByLabel("Country").selectOption("DE");
  await page.getByLabel("Postal code").fill("10115");
  await page.getByRole("button", { name: "Save destination" }).click();
  await page.getByRole("heading", { name: "Shipping to Germany" }).waitFor();
  await page.getByRole("radio", { name: /^Standard/ }).check();
  await page.getByRole("button", { name: "Use this shipping" }).click();
  await page.getByRole("status").filter({ hasText: "Shipping method saved." }).waitFor();
}

/** From the cart to the sandbox's card page; returns the total the checkout showed. */
async function placeOrder(): Promise<string> {
  await page.getByRole("link", { name: "Checkout" }).click();
  await page.waitForURL(/\/checkout$/);
  const total = (await page.getByTestId("checkout-total").textContent())!;
  await snapshot(page, "checkout");
  await page.getByRole("button", { name: "Place order and pay" }).click();
  await page.waitForURL(/\/sandbox\/checkout\/pi_/);
  return total;
}

async function pay(card: string) {
  await page.getByLabel("Card number").fill(card);
  await page.getByRole("button", { name: /^Pay / }).click();
}

describe("checkout with the sandbox card in a browser", { timeout: 240_000 }, () => {
  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it("places the order, pays on the sandbox page and shows the order paid", async () => {
    await signedInShopperWithACart();
    const total = await placeOrder();
    assert.match(await page.getByRole("button", { name: /^Pay / }).textContent() ?? "", /\d/, "the sandbox page asks for the order's amount");
    await pay("4242 4242 4242 4242");
    await page.waitForURL(/\/orders\/[\w-]+/);
    assert.match((await page.getByRole("heading", { level: 1 }).textContent()) ?? "", /^Order SOS-\d{4}-\d{6}$/);
    // The payment's result reaches ordering by webhook and event: the page follows it without a reload.
    await page.getByTestId("order-status").filter({ hasText: "Paid" }).waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId("order-total").textContent(), total);
    await snapshot(page, "order-paid");
  });

  it("a declined card is said so on the payment page, and the order is not paid", async () => {
    await signedInShopperWithACart();
    await placeOrder();
    await pay("4000 0000 0000 0002");
    await page.getByRole("alert").filter({ hasText: /declined/i }).waitFor();
    await snapshot(page, "payment-declined");
  });
});
