import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ActionForm } from "@/components/ActionForm.tsx";
import { shippingMethodNames } from "@/lib/cart.ts";
import { countryName } from "@/lib/countries.ts";
import { formatMoney } from "@/lib/format.ts";
import { signInFor } from "@/lib/redirects.ts";
import { ServiceUnavailableError } from "@/lib/services.ts";
import { currentShopper, currentUser } from "@/lib/session.ts";
import { carts } from "@/lib/shop.ts";
import { reportUsage } from "@/lib/visit.ts";
import { placeOrder } from "./actions.ts";

export const metadata: Metadata = { title: "Checkout", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function CheckoutPage() {
  // Signed in, or as a guest with an email (a guest may sign in instead: the cart comes along).
  const [user, shopper] = await Promise.all([currentUser(), currentShopper()]);
  let answer;
  try {
    answer = await carts.get(shopper);
  } catch (error) {
    if (!(error instanceof ServiceUnavailableError)) throw error;
    return <div className="notice" role="alert"><h1>Checkout</h1><p>The cart is not answering right now. Please try again in a moment.</p></div>;
  }
  const cart = answer.body;
  if (!cart || cart.lines.length === 0) redirect("/cart");
  void reportUsage({ type: "checkout-started" });
  const money = (minor: number) => formatMoney({ amountMinor: minor, currency: cart.currency });
  const ready = !!cart.destination && !!cart.shipping?.offered;

  return (
    <>
      <h1>Checkout</h1>
      <div className="cart">
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">Your order</h2>
          <ul className="cart-lines">
            {cart.lines.filter(l => !l.unavailable).map(line => (
              <li key={line.sku} className="cart-line">
                <div>
                  <p className="name">{line.productName ?? line.sku}</p>
                  <p className="muted">{[line.size, line.colour].filter(Boolean).join(", ")} · {line.quantity} × {money(line.unitPriceMinor)}</p>
                </div>
                <p className="line-total">{money(line.lineTotalMinor)}</p>
              </li>
            ))}
          </ul>
        </section>
        <aside className="cart-side" aria-label="Delivery and payment">
          <section aria-labelledby="delivery-heading">
            <h2 id="delivery-heading">Delivery</h2>
            {cart.destination ? (
              <p data-testid="checkout-destination">
                {countryName(cart.destination.country)}{cart.destination.region ? `, ${cart.destination.region}` : ""}{cart.destination.postalCode ? ` ${cart.destination.postalCode}` : ""}
                {cart.shipping ? <> · {shippingMethodNames[cart.shipping.method] ?? cart.shipping.method}</> : null}
              </p>
            ) : null}
            {!ready ? <p role="alert">Choose the destination and a shipping method on the <Link href="/cart">cart page</Link> first.</p> : <p><Link href="/cart">Change</Link></p>}
          </section>
          <section aria-labelledby="pay-heading">
            <h2 id="pay-heading">Total</h2>
            <dl className="totals">
              <div><dt>Items</dt><dd>{money(cart.totals.subtotalMinor)}</dd></div>
              {cart.totals.discountMinor ? <div><dt>Discount{cart.promotion?.applied ? ` (${cart.promotion.code})` : ""}</dt><dd>−{money(cart.totals.discountMinor)}</dd></div> : null}
              <div><dt>Shipping</dt><dd>{cart.totals.shippingMinor ? money(cart.totals.shippingMinor) : "free"}</dd></div>
              <div><dt>{cart.totals.taxIncluded ? "Includes tax (VAT)" : "Tax"}</dt><dd>{money(cart.totals.taxMinor)}</dd></div>
              <div className="grand"><dt>Total</dt><dd data-testid="checkout-total">{money(cart.totals.totalMinor)}</dd></div>
            </dl>
            {user ? (
              <p className="muted">Order confirmation goes to {user.email}. Prices are checked again when the order is placed.</p>
            ) : (
              <p className="muted" data-testid="guest-checkout">
                Checking out as a guest. <Link href={signInFor("/checkout")}>Sign in</Link> to follow the order in your account; your cart comes along.
                Prices are checked again when the order is placed.
              </p>
            )}
            {ready ? (
              <ActionForm action={placeOrder} submitLabel="Place order and pay" label="Place order">
                {/* One key per rendering of this page: resubmitting the form places the same order, never a second one. */}
                <input type="hidden" name="idempotencyKey" value={crypto.randomUUID()} />
                {user ? null : (
                  <div className="field">
                    <label htmlFor="guest-email">Email for the order confirmation</label>
                    <input id="guest-email" name="email" type="email" autoComplete="email" required />
                  </div>
                )}
              </ActionForm>
            ) : null}
          </section>
        </aside>
      </div>
    </>
  );
}
