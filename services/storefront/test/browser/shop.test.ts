import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { escapeRegExp, launch, newShopper, shopUrl, snapshot as save } from "./support.ts";

/** Browsing the shop in a real Chromium against the whole shop (see support.ts). */
let browser: Browser;
let page: Page;

const snapshot = (name: string) => save(page, name);

describe("the shop in a browser", { timeout: 180_000 }, () => {
  before(async () => {
    browser = await launch();
    ({ page } = await newShopper(browser));
  });

  after(async () => {
    await browser?.close();
  });

  it("home shows best sellers with prices and pictures that reserve their space", async () => {
    const response = await page.goto(`${shopUrl}/`);
    assert.equal(response?.status(), 200);
    assert.match(response?.headers()["content-security-policy"] ?? "", /script-src 'self' 'nonce-/);
    await page.getByRole("heading", { level: 1 }).waitFor();
    const cards = page.locator("#featured-heading ~ ul li.card");
    assert.ok((await cards.count()) >= 4, "best sellers are listed");
    assert.match((await cards.first().locator(".price").textContent()) ?? "", /€\d/);
    const image = cards.first().locator("img");
    assert.equal(await image.getAttribute("width"), "320");
    assert.equal(await image.getAttribute("height"), "320");
    await snapshot("home");
  });

  it("browses a category from the navigation", async () => {
    await page.getByRole("navigation", { name: "Categories" }).getByRole("link").first().click();
    await page.waitForURL(/\/c\/[\w-]+$/);
    await page.getByRole("status").filter({ hasText: /products?$/ }).waitFor();
    assert.ok((await page.locator("li.card").count()) > 0, "the category lists products");
    await snapshot("category");
  });

  it("filters by a facet, with the filter in the URL and fewer products", async () => {
    const before = await totalCount();
    const brand = page.getByRole("group", { name: "Brand" }).getByRole("link").first();
    const expected = Number((await brand.locator(".count").textContent())?.replace(/\D/g, ""));
    await brand.click();
    await page.waitForURL(/[?&]brand=/);
    assert.equal(await page.getByRole("group", { name: "Brand" }).locator("a[aria-current=true]").count(), 1);
    const after = await totalCount();
    assert.equal(after, expected, "the facet's count is what the filter gives");
    assert.ok(after <= before);
    await snapshot("category-filtered");
  });

  it("opens a product and picks a size", async () => {
    await page.locator("li.card:not(:has(.badge.out)) a").first().click();
    await page.waitForURL(/\/p\/[\w-]+/);
    const structured = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
    assert.equal(structured["@type"], "Product");
    assert.ok(structured.offers.length > 0);
    await snapshot("product");

    const sizes = page.getByRole("group", { name: /^Size/ });
    const size = sizes.locator("a:not(.unavailable)").first();
    const label = (await size.textContent())!.trim();
    await size.click();
    await page.waitForURL(/[?&]size=/);
    assert.equal((await sizes.locator("a[aria-current=true]").textContent())?.trim(), label);
    assert.match((await page.getByTestId("stock").textContent()) ?? "", new RegExp(`^In stock — ${escapeRegExp(label)}`));
    await snapshot("product-size-picked");
  });
});

async function totalCount(): Promise<number> {
  const text = await page.locator("#results-heading").textContent();
  return Number(text?.replace(/[^\d]/g, ""));
}
