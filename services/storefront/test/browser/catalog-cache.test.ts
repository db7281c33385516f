import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launch, newShopper, openProductInStock, shopUrl } from "./support.ts";

/** The test shop's first admin (Storefront.Tests gives identity its bootstrap secret), else the embedded profile's. */
const admin = { email: process.env.ADMIN_EMAIL ?? "admin@spaceofsport.local", password: process.env.ADMIN_PASSWORD ?? "development-only admin password" };
const address = { "x-forwarded-for": "10.250.0.1" };

let browser: Browser;
let page: Page;

async function adminToken(): Promise<string> {
  const response = await fetch(`${shopUrl}/api/identity/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...address },
    body: JSON.stringify(admin),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return ((await response.json()) as { accessToken: string }).accessToken;
}

type Variant = { id: string; sku: string; size: string; colour: string; priceMinor: number; currency: string; compareAtPriceMinor: number | null; weightGrams: number; lengthMm: number; widthMm: number; heightMm: number; eTag: string };

/** Changes one variant's list price through the catalog's API, as a merchandiser would; catalog publishes price-changed. */
async function changePrice(slug: string, sku: string, newPriceMinor: number) {
  const token = await adminToken();
  const product = (await (await fetch(`${shopUrl}/api/catalog/products/by-slug/${slug}`, { headers: address })).json()) as { id: string; variants: Variant[] };
  const variant = product.variants.find(v => v.sku === sku)!;
  const { id, eTag, ...fields } = variant;
  const response = await fetch(`${shopUrl}/api/catalog/products/${product.id}/variants/${id}`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "if-match": eTag, ...address },
    body: JSON.stringify({ ...fields, priceMinor: newPriceMinor }),
  });
  assert.equal(response.status, 200, await response.text());
}

/** Euros on the page ("€1,234.50") as cents. */
function cents(text: string | null): number {
  const match = text?.match(/€([\d,]+)\.(\d\d)/);
  assert.ok(match, `no amount in ${text}`);
  return Number(match[1].replace(/,/g, "")) * 100 + Number(match[2]);
}

describe("cached catalog pages follow the catalog's events", { timeout: 180_000 }, () => {
  before(async () => {
    browser = await launch();
    ({ page } = await newShopper(browser));
  });

  after(async () => {
    await browser?.close();
  });

  it("a product page shows a new price once the catalog announces it", async () => {
    await openProductInStock(page);
    const slug = new URL(page.url()).pathname.split("/").pop()!;
    const sku = await page.locator('form[aria-label="Add to cart"] input[name="sku"]').inputValue();
    const before = cents(await page.locator(".price .now").first().textContent());
    // Served twice, so the product is in the storefront's cache before it changes.
    await page.reload();
    assert.equal(cents(await page.locator(".price .now").first().textContent()), before);

    const after = before + 1234;
    await changePrice(slug, sku, after);

    // The event reaches the storefront's subscription, which revalidates the product's tag; reloads show it.
    const deadline = Date.now() + 60_000;
    let shown = before;
    while (shown !== after && Date.now() < deadline) {
      await page.waitForTimeout(500);
      await page.reload();
      shown = cents(await page.locator(".price .now").first().textContent());
    }
    assert.equal(shown, after, "the product page shows the new price");
  });
});
