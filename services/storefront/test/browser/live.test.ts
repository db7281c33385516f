import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { addToCart, cartCount, launch, newShopper, openProductInStock, shopUrl } from "./support.ts";

let browser: Browser;

/** A new account, signed in, in its own browser context (the tabs of one browser share its cookies). */
async function registeredShopper(): Promise<{ context: BrowserContext; page: Page }> {
  const shopper = await newShopper(browser);
  await shopper.page.goto(`${shopUrl}/register`);
  await shopper.page.getByLabel("Email").fill(`live-${randomUUID().slice(0, 8)}@example.test`);
  await shopper.page.getByLabel("Password").fill("correct horse battery staple");
  await shopper.page.getByRole("button", { name: "Create account" }).click();
  await shopper.page.getByRole("link", { name: "Account", exact: true }).waitFor();
  return shopper;
}

/** Waits until the page's hub connection is open (the gateway's /ws answered the WebSocket upgrade). */
async function hubOpened(page: Page, navigate: () => Promise<unknown>) {
  const socket = page.waitForEvent("websocket", { predicate: ws => new URL(ws.url()).pathname === "/ws", timeout: 60_000 });
  await navigate();
  await socket;
}

describe("live updates over the notifications hub", { timeout: 240_000 }, () => {
  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it("a second tab shows a cart change made in the first without a reload", async () => {
    const { context, page: first } = await registeredShopper();
    const second = await context.newPage();
    second.setDefaultTimeout(30_000);
    await hubOpened(second, () => second.goto(`${shopUrl}/cart`));
    await second.getByText("Your cart is empty.").waitFor();
    assert.equal(await cartCount(second), 0);

    await openProductInStock(first);
    await addToCart(first, 2);

    // The cart's change reaches the other tab through cart-cart-changed-v1 and the hub's cart:{user} channel.
    await second.getByTestId("cart-count").filter({ hasText: /^2$/ }).waitFor({ timeout: 60_000 });
    await second.locator("li.cart-line").first().waitFor({ timeout: 60_000 });
    assert.equal(await second.locator("li.cart-line").first().getByRole("spinbutton").inputValue(), "2");

    // And back: a change on the cart page reaches the product page's header.
    await second.locator("li.cart-line").first().getByRole("spinbutton").fill("3");
    await second.locator("li.cart-line").first().getByRole("button", { name: "Update" }).click();
    await first.getByTestId("cart-count").filter({ hasText: /^3$/ }).waitFor({ timeout: 60_000 });
    await context.close();
  });

  it("a product page shows the variant's stock change live when another shopper reserves it", async () => {
    const { context: watcherContext, page: watcher } = await registeredShopper();
    await hubOpened(watcher, () => openProductInStock(watcher));
    const productUrl = watcher.url();
    const stock = watcher.getByTestId("stock");
    await watcher.locator('[data-testid="stock"]:not([data-live="no"])').waitFor({ timeout: 60_000 });
    // The channel's last message, when the SKU's stock changed since the hub started (an earlier test bought it).
    const before = await stock.getAttribute("data-available");

    // Another shopper buys the same size: placing the order reserves it at inventory, which announces the new stock.
    const { context: buyerContext, page: buyer } = await registeredShopper();
    await buyer.goto(productUrl);
    await addToCart(buyer, 1);
    await buyer.goto(`${shopUrl}/cart`);
    await buyer.getByLabel("Country").selectOption("DE");
    await buyer.getByLabel("Postal code").fill("10115");
    await buyer.getByRole("button", { name: "Save destination" }).click();
    await buyer.getByRole("status").filter({ hasText: "Destination saved" }).waitFor();
    await buyer.getByRole("heading", { name: "Shipping to Germany" }).waitFor();
    await buyer.getByRole("radio", { name: /^Standard/ }).check();
    await buyer.getByRole("button", { name: "Use this shipping" }).click();
    await buyer.getByRole("status").filter({ hasText: "Shipping method saved." }).waitFor();
    await buyer.getByRole("link", { name: "Checkout" }).click();
    await buyer.getByRole("button", { name: "Place order and pay" }).click();
    await buyer.waitForURL(/\/sandbox\/checkout\/pi_/);

    // Signed in, the watcher gets the exact count from the hub's stock:{sku} channel: one unit fewer.
    const expected = before === null ? '[data-available]' : `[data-available="${Number(before) - 1}"]`;
    await watcher.locator(`[data-testid="stock"][data-live="yes"]${expected}`).waitFor({ timeout: 60_000 });
    assert.match((await stock.textContent()) ?? "", /^(In stock in .+ — \d+ left|Low stock in .+ — \d+ left|Sold out in .+)$/);
    await buyerContext.close();
    await watcherContext.close();
  });
});
