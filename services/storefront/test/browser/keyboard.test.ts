import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
import { launch, newShopper, shopUrl, snapshot } from "./support.ts";

let browser: Browser;
let page: Page;

/** Presses Tab until `target` has the focus (at most `max` times): how a keyboard user gets there. */
async function tabTo(target: Locator, max = 120) {
  const element = target.first();
  await element.waitFor({ state: "attached" });
  for (let presses = 0; presses < max; presses++) {
    if (await element.evaluate(el => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  assert.fail(`Tab never reached ${element}`);
}

describe("a purchase with the keyboard only", { timeout: 300_000 }, () => {
  before(async () => {
    browser = await launch();
    ({ page } = await newShopper(browser));
  });

  after(async () => {
    await browser?.close();
  });

  it("finds a product by its suggestion, adds a size, ships it, checks out as a guest and pays", async () => {
    // What to look for: the best-selling product in stock (read, not clicked).
    await page.goto(`${shopUrl}/search?stock=in&sort=best_selling`);
    const name = (await page.locator("li.card:not(:has(.badge.out)) .name").first().textContent())!.trim();

    await page.goto(shopUrl);
    await tabTo(page.getByRole("combobox", { name: "Search products" }));
    // The list answers the whole name (answers to what was typed before it are dropped), then the arrows move in it.
    const answered = page.waitForResponse(response => new URL(response.url()).pathname === "/suggest" && new URL(response.url()).searchParams.get("q") === name);
    await page.keyboard.type(name);
    await answered;
    const option = page.getByRole("option").filter({ hasText: name }).first();
    await option.waitFor();
    // ArrowDown until the product's suggestion is the active one (the list wraps around).
    for (let presses = 0; presses < 50 && (await option.getAttribute("aria-selected")) !== "true"; presses++) await page.keyboard.press("ArrowDown");
    assert.equal(await option.getAttribute("aria-selected"), "true", "the arrow keys reached the product's suggestion");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/p\/[\w-]+$/);
    await page.getByRole("heading", { level: 1, name }).waitFor();

    await tabTo(page.getByRole("group", { name: /^Size/ }).locator("a:not(.unavailable)"));
    await page.keyboard.press("Enter");
    await page.waitForURL(/[?&]size=/);
    await tabTo(page.getByRole("button", { name: "Add to cart" }));
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Added 1 to your cart." }).waitFor();

    await tabTo(page.getByRole("link", { name: /^Cart, 1 item$/ }));
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/cart$/);
    await tabTo(page.getByLabel("Country"));
    await page.keyboard.type("Germany");
    assert.equal(await page.getByLabel("Country").inputValue(), "DE");
    await tabTo(page.getByLabel("Postal code"));
    await page.keyboard.type("10115");
    await tabTo(page.getByRole("button", { name: "Save destination" }));
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Destination saved" }).waitFor();
    await page.getByRole("heading", { name: "Shipping to Germany" }).waitFor();
    await tabTo(page.getByRole("radio").first());
    await page.keyboard.press("Space");
    await tabTo(page.getByRole("button", { name: "Use this shipping" }));
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Shipping method saved." }).waitFor();

    await tabTo(page.getByRole("link", { name: "Checkout" }));
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/checkout$/);
    await tabTo(page.getByLabel("Email for the order confirmation"));
    await page.keyboard.type(`keys-${randomUUID().slice(0, 8)}@example.test`);
    await tabTo(page.getByRole("button", { name: "Place order and pay" }));
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/sandbox\/checkout\/pi_/);

    await tabTo(page.getByLabel("Card number"));
    await page.keyboard.type("4242 4242 4242 4242");
    await tabTo(page.getByRole("button", { name: /^Pay / }));
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/orders\/[\w-]+/);
    await page.getByTestId("guest-order-placed").waitFor();
    await snapshot(page, "keyboard-purchase");
  });
});
