import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { ActionForm } from "@/components/ActionForm.tsx";
import { type Cart, type CartLine, lineNotes, ruleMessage, type ShippingQuote, shippingMethodNames, shippingOptions } from "@/lib/cart.ts";
import { countries, countryName } from "@/lib/countries.ts";
import { formatMoney } from "@/lib/format.ts";
import { signInFor } from "@/lib/redirects.ts";
import { ServiceUnavailableError, type Shopper } from "@/lib/services.ts";
import { currentShopper } from "@/lib/session.ts";
import { carts } from "@/lib/shop.ts";
import { applyPromotion, changeQuantity, removeLine, removePromotion, setDestination, setShipping } from "./actions.ts";

export const metadata: Metadata = { title: "Your cart", robots: { index: false } };
export const dynamic = "force-dynamic";

async function load(shopper: Shopper): Promise<{ cart: Cart | null; quotes: ShippingQuote[] } | "unavailable"> {
  // No cookie and no sign-in: there is no cart to ask for.
  if (!shopper.cartCookie && !shopper.accessToken) return { cart: null, quotes: [] };
  try {
    const answer = await carts.get(shopper);
    if (!answer.ok || !answer.body) return answer.status >= 500 ? "unavailable" : { cart: null, quotes: [] };
    const cart = answer.body;
    const quotes = cart.destination && cart.lines.length ? ((await carts.quotes(shopper, cart.destination)).body?.quotes ?? []) : [];
    return { cart, quotes };
  } catch (error) {
    if (error instanceof ServiceUnavailableError) return "unavailable";
    throw error;
  }
}

export default async function CartPage() {
  const shopper = await currentShopper();
  const loaded = await load(shopper);
  if (loaded === "unavailable")
    return (
      <div className="notice" role="alert">
        <h1>Your cart</h1>
        <p>The cart is not answering right now. Please try again in a moment: nothing in it is lost.</p>
      </div>
    );
  const { cart, quotes } = loaded;
  if (!cart || cart.lines.length === 0)
    return (
      <>
        <h1>Your cart</h1>
        <p>Your cart is empty. Find something on the <Link href="/">home page</Link> or search above.</p>
      </>
    );

  const money = (minor: number) => formatMoney({ amountMinor: minor, currency: cart.currency });
  const version = <input type="hidden" name="version" value={cart.version} />;
  return (
    <>
      <h1>Your cart</h1>
      <div className="cart">
        <section aria-labelledby="lines-heading">
          <h2 id="lines-heading" className="visually-hidden">Items</h2>
          <ul className="cart-lines">
            {cart.lines.map(line => <Line key={line.sku} line={line} money={money} version={version} />)}
          </ul>
        </section>

        <aside className="cart-side" aria-label="Order summary">
          <section aria-labelledby="destination-heading">
            <h2 id="destination-heading">Delivery to</h2>
            <ActionForm action={setDestination} submitLabel="Save destination" label="Destination" className="stack">
              {version}
              <label htmlFor="country">Country</label>
              {/* Keyed: React resets a form after its action, and a select keeps the option it had unless it is new. */}
              <select key={cart.destination?.country ?? "none"} id="country" name="country" defaultValue={cart.destination?.country ?? ""} required>
                <option value="" disabled>Choose a country</option>
                {countries.map(c => <option key={c.code} value={c.code}>{c.name}</option>)}
              </select>
              <label htmlFor="region">State or region (US: two letters, e.g. NY)</label>
              <input id="region" name="region" defaultValue={cart.destination?.region ?? ""} autoComplete="address-level1" />
              <label htmlFor="postalCode">Postal code</label>
              <input id="postalCode" name="postalCode" defaultValue={cart.destination?.postalCode ?? ""} autoComplete="postal-code" />
            </ActionForm>
          </section>

          {cart.destination ? (
            <section aria-labelledby="shipping-heading">
              <h2 id="shipping-heading">Shipping to {countryName(cart.destination.country)}</h2>
              {quotes.length ? (
                <ActionForm action={setShipping} submitLabel="Use this shipping" label="Shipping method" className="stack">
                  {version}
                  <fieldset className="plain">
                    <legend className="visually-hidden">Shipping method</legend>
                    {shippingOptions(quotes).map(({ value, quote, store }) => {
                      const chosen = cart.shipping?.method === quote.method && (store ? cart.shipping.storeId === store.id : true);
                      return (
                        <label key={value} className="choice">
                          <input type="radio" name="shipping" value={value} defaultChecked={chosen} required />{" "}
                          {shippingMethodNames[quote.method] ?? quote.method}
                          {store ? ` at ${store.name}, ${store.city} (${Math.round(store.distanceKm)} km)` : ""}: {quote.free ? "free" : money(quote.priceMinor)}
                          <span className="muted"> — arrives {quote.earliestDelivery === quote.latestDelivery ? quote.earliestDelivery : `${quote.earliestDelivery} to ${quote.latestDelivery}`}</span>
                        </label>
                      );
                    })}
                  </fieldset>
                </ActionForm>
              ) : <p>No shipping method reaches this destination.</p>}
            </section>
          ) : null}

          <section aria-labelledby="promotion-heading">
            <h2 id="promotion-heading">Promotion code</h2>
            {cart.promotion ? (
              <div>
                <p data-testid="promotion">
                  <strong>{cart.promotion.code}</strong>:{" "}
                  {cart.promotion.applied ? `${money(cart.promotion.discountMinor)} off` : ruleMessage(cart.promotion.reason)}
                </p>
                <ActionForm action={removePromotion} submitLabel="Remove code" buttonClassName="secondary">{version}</ActionForm>
              </div>
            ) : (
              <ActionForm action={applyPromotion} submitLabel="Apply" label="Promotion code" className="inline">
                {version}
                <label htmlFor="code" className="visually-hidden">Promotion code</label>
                <input id="code" name="code" autoComplete="off" placeholder="Code" />
              </ActionForm>
            )}
          </section>

          <section aria-labelledby="totals-heading">
            <h2 id="totals-heading">Total</h2>
            <dl className="totals" data-testid="totals">
              <div><dt>Items</dt><dd>{money(cart.totals.subtotalMinor)}</dd></div>
              {cart.totals.discountMinor ? <div><dt>Discount</dt><dd>−{money(cart.totals.discountMinor)}</dd></div> : null}
              <div><dt>Shipping</dt><dd>{cart.shipping ? (cart.totals.shippingMinor ? money(cart.totals.shippingMinor) : "free") : "choose a destination"}</dd></div>
              {cart.totals.taxKnown ? (
                <div>
                  <dt>{cart.totals.taxIncluded ? "Includes tax (VAT)" : "Tax"}</dt>
                  <dd>{money(cart.totals.taxMinor)}</dd>
                </div>
              ) : <div><dt>Tax</dt><dd>with the destination</dd></div>}
              <div className="grand"><dt>Total</dt><dd data-testid="total">{money(cart.totals.totalMinor)}</dd></div>
            </dl>
            <Link href="/checkout" className="button">Checkout</Link>
            {shopper.accessToken ? null : (
              <p className="muted">
                As a guest, or <Link href={signInFor("/checkout")}>sign in</Link> to follow your orders in your account: your cart comes with you.
              </p>
            )}
          </section>
        </aside>
      </div>
    </>
  );
}

function Line({ line, money, version }: { line: CartLine; money: (minor: number) => string; version: ReactNode }) {
  const name = line.productName ?? line.sku;
  const notes = lineNotes(line, money);
  return (
    <li className="cart-line" data-sku={line.sku}>
      <div>
        <p className="name">{name}</p>
        <p className="muted">{[line.size, line.colour].filter(Boolean).join(", ")} · SKU {line.sku}</p>
        <p>
          {money(line.unitPriceMinor)} each
          {line.unitPriceMinor < line.listPriceMinor ? <> <s className="muted"><span className="visually-hidden">was </span>{money(line.listPriceMinor)}</s></> : null}
          {line.flashSale ? <> <span className="badge">{line.flashSale.name}</span></> : null}
        </p>
        {notes.length ? <ul className="notes" aria-label={`Changes to ${name}`}>{notes.map(note => <li key={note}>{note}</li>)}</ul> : null}
      </div>
      <div className="line-actions">
        <ActionForm action={changeQuantity} submitLabel="Update" label={`Quantity of ${name}`} className="inline">
          {version}
          <input type="hidden" name="sku" value={line.sku} />
          <label htmlFor={`quantity-${line.sku}`} className="visually-hidden">Quantity of {name}</label>
          <input key={line.quantity} id={`quantity-${line.sku}`} name="quantity" type="number" min={0} max={10} defaultValue={line.quantity} className="quantity" />
        </ActionForm>
        <ActionForm action={removeLine} submitLabel="Remove" label={`Remove ${name}`} buttonClassName="secondary">
          {version}
          <input type="hidden" name="sku" value={line.sku} />
        </ActionForm>
        <p className="line-total">{line.unavailable ? "—" : money(line.lineTotalMinor)}</p>
      </div>
    </li>
  );
}
