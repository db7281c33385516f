import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { formatMoney } from "@/lib/format.ts";
import { statusFromGraphQL, statusNames } from "@/lib/ordering.ts";
import { signInFor } from "@/lib/redirects.ts";
import { ServiceUnavailableError } from "@/lib/services.ts";
import { currentShopper } from "@/lib/session.ts";
import { ordering } from "@/lib/shop.ts";

export const metadata: Metadata = { title: "Your orders", robots: { index: false } };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ after?: string }> };

/** The signed-in shopper's orders, newest first, 20 a page (ordering's GraphQL `orders`, keyset cursor in `after`). */
export default async function OrderHistoryPage({ searchParams }: Props) {
  const { after } = await searchParams;
  const shopper = await currentShopper();
  if (!shopper.accessToken) redirect(signInFor("/account/orders"));
  let page;
  try {
    page = await ordering.history(shopper, after ?? null);
  } catch (error) {
    if (!(error instanceof ServiceUnavailableError)) throw error;
    page = null;
  }
  if (!page) return <div className="notice" role="alert"><h1>Your orders</h1><p>Your orders cannot be shown right now. Please try again in a moment.</p></div>;

  return (
    <>
      <h1>Your orders</h1>
      {page.nodes.length === 0 ? (
        <p>{after ? "No older orders." : "You have not ordered anything yet."} <Link href="/">Start shopping</Link></p>
      ) : (
        <table className="orders" data-testid="order-history">
          <caption className="visually-hidden">Your orders, newest first</caption>
          <thead>
            <tr><th scope="col">Order</th><th scope="col">Placed</th><th scope="col">Items</th><th scope="col">Status</th><th scope="col">Total</th></tr>
          </thead>
          <tbody>
            {page.nodes.map(order => (
              <tr key={order.id}>
                <th scope="row"><Link href={`/orders/${order.id}`}>{order.number}</Link></th>
                <td><time dateTime={order.placedAt}>{new Date(order.placedAt).toUTCString().slice(5, 16)}</time></td>
                <td>{order.lines.reduce((sum, line) => sum + line.quantity, 0)}</td>
                <td>{statusNames[statusFromGraphQL(order.status)] ?? order.status}</td>
                <td>{formatMoney(order.totals.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.pageInfo.hasNextPage && page.pageInfo.endCursor ? (
        <p><Link href={`/account/orders?after=${encodeURIComponent(page.pageInfo.endCursor)}`}>Older orders</Link></p>
      ) : null}
    </>
  );
}
