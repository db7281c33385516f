import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { WatchStatus } from "@/components/WatchStatus.tsx";
import { shippingMethodNames } from "@/lib/cart.ts";
import { countryName } from "@/lib/countries.ts";
import { formatMoney } from "@/lib/format.ts";
import { cancellationMessage, settledStatuses, statusNames } from "@/lib/ordering.ts";
import { ServiceUnavailableError } from "@/lib/services.ts";
import { currentShopper } from "@/lib/session.ts";
import { ordering } from "@/lib/shop.ts";

export const metadata: Metadata = { title: "Your order", robots: { index: false } };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ payment?: string }> };

export default async function OrderPage({ params, searchParams }: Props) {
  const [{ id }, { payment }] = await Promise.all([params, searchParams]);
  const shopper = await currentShopper();
  if (!shopper.accessToken) redirect("/sign-in");
  let answer;
  try {
    answer = await ordering.get(shopper, id);
  } catch (error) {
    if (!(error instanceof ServiceUnavailableError)) throw error;
    return <div className="notice" role="alert"><h1>Your order</h1><p>Your order cannot be shown right now. Please try again in a moment.</p></div>;
  }
  if (answer.status === 404 || answer.status === 400) notFound();
  if (!answer.ok || !answer.body) return <div className="notice" role="alert"><h1>Your order</h1><p>Your order cannot be shown right now. Please try again in a moment.</p></div>;
  const order = answer.body;
  const money = (minor: number) => formatMoney({ amountMinor: minor, currency: order.currency });
  const settled = settledStatuses.includes(order.status);

  return (
    <>
      <WatchStatus active={!settled} />
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
        </aside>
      </div>
    </>
  );
}
