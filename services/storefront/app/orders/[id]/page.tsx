import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { LiveOrder } from "@/components/LiveOrder.tsx";
import { shippingMethodNames } from "@/lib/cart.ts";
import { countryName } from "@/lib/countries.ts";
import { formatMoney } from "@/lib/format.ts";
import { ActionForm } from "@/components/ActionForm.tsx";
import { cancelOrder, requestReturn } from "@/app/orders/actions.ts";
import { cancellableStatuses, cancellationMessage, guestOrderCookie, guestOrderOf, placedOrderCookie, type OrderExtras, returnableUnits, returnReasons, returnStatusNames, statusNames } from "@/lib/ordering.ts";
import { signInFor } from "@/lib/redirects.ts";
import { ServiceUnavailableError } from "@/lib/services.ts";
import { currentShopper, currentUser } from "@/lib/session.ts";
import { ordering } from "@/lib/shop.ts";

export const metadata: Metadata = { title: "Your order", robots: { index: false } };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ payment?: string }> };

export default async function OrderPage({ params, searchParams }: Props) {
  const [{ id }, { payment }] = await Promise.all([params, searchParams]);
  const [shopper, user] = await Promise.all([currentShopper(), currentUser()]);
  if (!shopper.accessToken) {
    const jar = await cookies();
    const guest = jar.get(placedOrderCookie)?.value === id ? guestOrderOf(jar.get(guestOrderCookie)?.value) : null;
    if (!guest) redirect(signInFor(`/orders/${id}`));
    return <GuestOrder number={guest.number} email={guest.email} paymentFailed={payment === "failed"} />;
  }
  let answer;
  let extras: OrderExtras | null;
  try {
    [answer, extras] = await Promise.all([ordering.get(shopper, id), ordering.extras(shopper, id)]);
  } catch (error) {
    if (!(error instanceof ServiceUnavailableError)) throw error;
    return <div className="notice" role="alert"><h1>Your order</h1><p>Your order cannot be shown right now. Please try again in a moment.</p></div>;
  }
  if (answer.status === 404 || answer.status === 400) notFound();
  if (!answer.ok || !answer.body) return <div className="notice" role="alert"><h1>Your order</h1><p>Your order cannot be shown right now. Please try again in a moment.</p></div>;
  const order = answer.body;
  const money = (minor: number) => formatMoney({ amountMinor: minor, currency: order.currency });

  return (
    <>
      {user ? <LiveOrder orderId={order.id} user={user.id} /> : null}
      <h1>Order {order.number}</h1>
      <p className={`order-status ${order.status.toLowerCase()}`} role="status" data-testid="order-status">
        {statusNames[order.status]}
      </p>
      {order.status === "Paid" ? <p>Thank you! Your payment was received and your order is being prepared.</p> : null}
      {order.status === "Cancelled" ? <p>{cancellationMessage(order.cancellationReason)}</p> : null}
      {order.status === "AwaitingPayment" && payment === "failed" ? <p role="alert">The payment did not go through. You can try again with another card.</p> : null}
      {order.status === "AwaitingPayment" && order.payment?.paymentPageUrl ? <p><a href={order.payment.paymentPageUrl}>Pay now</a></p> : null}
      {order.priceChanges.length ? (
        <p className="notice">Some prices changed since you saw them in the cart; the order charges: {order.priceChanges.map(c => `${c.sku} ${money(c.unitPriceMinor)} (was ${money(c.cartUnitPriceMinor)})`).join(", ")}.</p>
      ) : null}
      <div className="cart">
        <section aria-labelledby="order-lines-heading">
          <h2 id="order-lines-heading">Items</h2>
          <ul className="cart-lines">
            {order.lines.map(line => (
              <li key={line.sku} className="cart-line">
                <div>
                  <p className="name">{line.productName}</p>
                  <p className="muted">{[line.size, line.colour].filter(Boolean).join(", ")} · {line.quantity} × {money(line.unitPriceMinor)}</p>
                </div>
                <p className="line-total">{money(line.lineTotalMinor)}</p>
              </li>
            ))}
          </ul>
        </section>
        <aside className="cart-side" aria-label="Order summary">
          <section aria-labelledby="order-delivery-heading">
            <h2 id="order-delivery-heading">Delivery</h2>
            <p>{shippingMethodNames[order.shipping.method] ?? order.shipping.method} to {countryName(order.shipping.country)}{order.shipping.postalCode ? ` ${order.shipping.postalCode}` : ""}</p>
          </section>
          <section aria-labelledby="order-total-heading">
            <h2 id="order-total-heading">Total</h2>
            <dl className="totals">
              <div><dt>Items</dt><dd>{money(order.totals.subtotalMinor)}</dd></div>
              {order.totals.discountMinor ? <div><dt>Discount</dt><dd>−{money(order.totals.discountMinor)}</dd></div> : null}
              <div><dt>Shipping</dt><dd>{order.totals.shippingMinor ? money(order.totals.shippingMinor) : "free"}</dd></div>
              <div><dt>{order.totals.taxIncluded ? "Includes tax (VAT)" : "Tax"}</dt><dd>{money(order.totals.taxMinor)}</dd></div>
              <div className="grand"><dt>Total</dt><dd data-testid="order-total">{money(order.totals.totalMinor)}</dd></div>
            </dl>
          </section>
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">History</h2>
            <ol className="timeline">
              {order.timeline.map(entry => (
                <li key={`${entry.status}-${entry.occurredAt}`}>
                  {statusNames[entry.status]}{entry.reason ? ` (${entry.reason})` : ""} — <time dateTime={entry.occurredAt}>{new Date(entry.occurredAt).toUTCString()}</time>
                </li>
              ))}
            </ol>
          </section>
          {cancellableStatuses.includes(order.status) ? (
            <section aria-labelledby="cancel-heading">
              <h2 id="cancel-heading">Changed your mind?</h2>
              <p className="muted">You can cancel until the order ships{order.status === "Paid" || order.status === "Fulfilling" ? "; the payment is refunded in full" : ""}.</p>
              <ActionForm action={cancelOrder} submitLabel="Cancel this order" label="Cancel this order" buttonClassName="secondary">
                <input type="hidden" name="orderId" value={order.id} />
              </ActionForm>
            </section>
          ) : null}
        </aside>
      </div>
      {extras ? <Parcels extras={extras} /> : null}
      {extras ? <Returns orderId={order.id} delivered={order.status === "Delivered"} extras={extras} money={money} /> : null}
    </>
  );
}

function Parcels({ extras }: { extras: OrderExtras }) {
  if (!extras.shipments.length) return null;
  return (
    <section aria-labelledby="parcels-heading">
      <h2 id="parcels-heading">Parcels</h2>
      <ul>
        {extras.shipments.map(parcel => (
          <li key={parcel.trackingNumber}>
            {parcel.carrier} {parcel.trackingUrl ? <a href={parcel.trackingUrl} rel="noopener noreferrer">{parcel.trackingNumber}</a> : parcel.trackingNumber}
            {parcel.returnId ? " (exchange)" : ""} — {parcel.deliveredAt ? `delivered ${new Date(parcel.deliveredAt).toUTCString()}` : `shipped ${new Date(parcel.shippedAt).toUTCString()}`}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The order's returns with their status, and — once delivered — a form to send back chosen lines with a reason each. */
function Returns({ orderId, delivered, extras, money }: { orderId: string; delivered: boolean; extras: OrderExtras; money: (minor: number) => string }) {
  const left = returnableUnits(extras.lines, extras.returns);
  const returnable = extras.lines.filter(line => (left.get(line.lineNumber) ?? 0) > 0);
  if (!extras.returns.length && !delivered) return null;
  const nameOf = (lineNumber: number) => extras.lines.find(line => line.lineNumber === lineNumber)?.productName ?? `line ${lineNumber}`;
  return (
    <section aria-labelledby="returns-heading">
      <h2 id="returns-heading">Returns</h2>
      {extras.returns.length ? (
        <ul data-testid="returns">
          {extras.returns.map(r => (
            <li key={r.id}>
              <strong>{returnStatusNames[r.status] ?? r.status}</strong>
              {r.rejectionReason ? ` (${r.rejectionReason})` : ""} — {r.lines.map(line => `${line.quantity} × ${nameOf(line.lineNumber)} (${returnReasons[line.reason as keyof typeof returnReasons] ?? line.reason})`).join(", ")}
              {r.refund.amountMinor ? `; refund ${money(r.refund.amountMinor)}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      {delivered && returnable.length ? (
        <ActionForm action={requestReturn} submitLabel="Request the return" label="Return items">
          <input type="hidden" name="orderId" value={orderId} />
          <p className="muted">Within 30 days of delivery. Choose what you send back and why.</p>
          {returnable.map(line => {
            const units = left.get(line.lineNumber) ?? 0;
            const name = `${line.productName}${line.size ? `, ${line.size}` : ""}${line.colour ? `, ${line.colour}` : ""}`;
            return (
              <fieldset key={line.lineNumber} className="plain return-line">
                <legend>{name}</legend>
                <label className="choice"><input type="checkbox" name={`line-${line.lineNumber}`} /> Return {name}</label>
                <label htmlFor={`quantity-${line.lineNumber}`}>How many</label>
                <select id={`quantity-${line.lineNumber}`} name={`quantity-${line.lineNumber}`} defaultValue={String(units)}>
                  {Array.from({ length: units }, (_, i) => i + 1).map(n => <option key={n} value={n}>{n}</option>)}
                </select>
                <label htmlFor={`reason-${line.lineNumber}`}>Why</label>
                <select id={`reason-${line.lineNumber}`} name={`reason-${line.lineNumber}`} defaultValue="">
                  <option value="" disabled>Choose a reason</option>
                  {Object.entries(returnReasons).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
                </select>
              </fieldset>
            );
          })}
        </ActionForm>
      ) : null}
    </section>
  );
}

/**
 * A guest's order, just placed by this browser: ordering lets only an order's account read an order back, so the page
 * says what the placement answered and where the confirmation goes; an account with that email can follow it.
 */
function GuestOrder({ number, email, paymentFailed }: { number: string; email: string; paymentFailed: boolean }) {
  return (
    <>
      <h1>Order {number}</h1>
      {paymentFailed ? (
        <p role="alert">The payment did not go through, so nothing was charged. You can place the order again from your <Link href="/cart">cart</Link>.</p>
      ) : (
        <p role="status" data-testid="guest-order-placed">Thank you! Your order is placed; the confirmation and every change of its status go to {email}.</p>
      )}
      <p>To follow it here, <Link href={`/register?next=${encodeURIComponent("/account")}`}>create an account</Link> with {email}.</p>
    </>
  );
}
