import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { accessibilityViolations, addToCart, describeViolations, launch, newShopper, openProductInStock, shopUrl } from "./support.ts";

let browser: Browser;
let page: Page;

/** No serious or critical axe-core violation on the page; lesser ones are printed for the record. */
async function assertAccessible(what: string) {
  const violations = await accessibilityViolations(page);
  const serious = violations.filter(v => v.impact === "serious" || v.impact === "critical");
  const minor = violations.filter(v => !serious.includes(v));
  if (minor.length) console.log(`${what}: minor findings\n${describeViolations(minor)}`);
  assert.deepEqual(serious.map(v => v.id), [], `${what}:\n${describeViolations(serious)}`);
}

describe("accessibility (axe-core) of the key pages", { timeout: 180_000 }, () => {
  before(async () => {
    browser = await launch();
    ({ page } = await newShopper(browser));
  });

  after(async () => {
    await browser?.close();
  });

  it("home has no serious violation", async () => {
    await page.goto(`${shopUrl}/`);
    await assertAccessible("home");
  });

  it("a category page has no serious violation", async () => {
    await page.getByRole("navigation", { name: "Categories" }).getByRole("link").first().click();
    await page.waitForURL(/\/c\//);
    await assertAccessible("category");
  });

  it("search results have no serious violation", async () => {
    await page.goto(`${shopUrl}/search?q=shoe`);
    await assertAccessible("search");
  });

  it("a product page with a size chosen and its add-to-cart form has no serious violation", async () => {
    await openProductInStock(page);
    await assertAccessible("product");
  });

  it("the cart with a line, a destination form and totals has no serious violation", async () => {
    await addToCart(page, 1);
    await page.goto(`${shopUrl}/cart`);
    await page.locator("li.cart-line").first().waitFor();
    await assertAccessible("cart");
  });

  it("sign-in, with an error shown, has no serious violation", async () => {
    await page.goto(`${shopUrl}/sign-in`);
    await page.getByLabel("Email").fill(`nobody-${randomUUID().slice(0, 8)}@example.test`);
    await page.getByLabel("Password").fill("wrong password for nobody");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("status").filter({ hasText: /Invalid email or password/ }).waitFor();
    await assertAccessible("sign-in");
  });

  it("registration, with a field error shown, has no serious violation", async () => {
    await page.goto(`${shopUrl}/register`);
    await page.getByLabel("Email").fill(`new-${randomUUID().slice(0, 8)}@example.test`);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.locator("#password-error").waitFor();
    await assertAccessible("register");
  });
});
