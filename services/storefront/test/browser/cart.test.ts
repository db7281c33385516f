import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { addToCart, cartCount, launch, newShopper, openProductInStock, shopUrl, snapshot } from "./support.ts";

let browser: Browser;
let page: Page;

/** Euros in a text ("€1,234.50") as cents. */
function cents(text: string | null): number {
  const match = text?.match(/€([\d,]+)\.(\d\d)/);
  assert.ok(match, `no amount in ${text}`);
  return Number(match[1].replace(/,/g, "")) * 100 + Number(match[2]);
}

describe("the cart in a browser", { timeout: 180_000 }, () => {
  before(async () => {
    browser = await launch();
    ({ page } = await newShopper(browser));
  });

  after(async () => {
    await browser?.close();
  });

  it("adds a size to the cart from the product page, and the header counts it", async () => {
    await openProductInStock(page);
    assert.equal(await cartCount(page), 0);
    await addToCart(page, 2);
    await page.getByTestId("cart-count").filter({ hasText: "2" }).waitFor();
    const cookies = await page.context().cookies(shopUrl);
    const cart = cookies.find(c => c.name === "sos_cart");
    assert.ok(cart?.httpOnly, "the anonymous cart's cookie is httpOnly");
    assert.equal(await page.evaluate(() => document.cookie.includes("sos_cart")), false, "scripts cannot read it");
  });

  it("shows the line at the cart's price and changes its quantity", async () => {
    await page.getByRole("link", { name: /^Cart, 2 items$/ }).click();
    await page.waitForURL(/\/cart$/);
    const line = page.locator("li.cart-line").first();
    const quantity = line.getByRole("spinbutton");
    assert.equal(await quantity.inputValue(), "2");
    const twice = cents(await line.locator(".line-total").textContent());
    assert.equal(cents(await page.getByTestId("total").textContent()), twice);

    await quantity.fill("1");
    await line.getByRole("button", { name: "Update" }).click();
    await page.getByRole("status").filter({ hasText: "Quantity updated." }).waitFor();
    await page.getByTestId("cart-count").filter({ hasText: /^1$/ }).waitFor();
    assert.equal(cents(await line.locator(".line-total").textContent()) * 2, twice);
  });

  it("adds US sales tax on top for a New York destination, and shipping once chosen", async () => {
    const before = cents(await page.getByTestId("total").textContent());
    await page.getByLabel("Country").selectOption("US");
    await page.getByLabel(/^State or region/).fill("NY");
    await page.getByLabel("Postal code").fill("10001");
    await page.getByRole("button", { name: "Save destination" }).click();
    await page.getByRole("heading", { name: "Shipping to United States" }).waitFor();
    assert.equal(await page.getByLabel("Country").inputValue(), "US", "the form shows the saved destination");
    const totals = page.getByTestId("totals");
    await totals.getByText("Tax", { exact: true }).waitFor();
    assert.ok(cents(await page.getByTestId("total").textContent()) >= before, "tax is added on top");

    await page.getByRole("radio").first().check();
    await page.getByRole("button", { name: "Use this shipping" }).click();
    await page.getByRole("status").filter({ hasText: "Shipping method saved." }).waitFor();
    assert.doesNotMatch((await totals.textContent()) ?? "", /choose a destination/);
    await snapshot(page, "cart");
  });

  it("says why an unknown promotion code does not apply", async () => {
    await page.getByRole("textbox", { name: "Promotion code" }).fill("NO-SUCH-CODE");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.getByRole("status").filter({ hasText: "This code does not exist." }).waitFor();
  });

  it("empties the cart by removing the line", async () => {
    await page.locator("li.cart-line").first().getByRole("button", { name: "Remove" }).click();
    await page.getByText("Your cart is empty.").waitFor();
    await page.getByTestId("cart-count").filter({ hasText: /^0$/ }).waitFor();
  });
});
