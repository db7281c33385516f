import { type Answer, ServiceClient, type Shopper } from "./services.ts";

export type OrderStatus = "Pending" | "AwaitingPayment" | "Paid" | "Fulfilling" | "Shipped" | "Delivered" | "Cancelled";

/** An order as ordering answers it (`/api/orders/{id}`): amounts in minor units of `currency`. */
export type Order = {
  id: string;
  number: string;
  status: OrderStatus;
  cancellationReason: string | null;
  shortSkus: string[];
  email: string;
  currency: string;
  totals: { subtotalMinor: number; discountMinor: number; shippingMinor: number; taxMinor: number; totalMinor: number; taxIncluded: boolean };
  lines: { sku: string; productName: string; size: string | null; colour: string | null; quantity: number; unitPriceMinor: number; lineTotalMinor: number }[];
  priceChanges: { sku: string; cartUnitPriceMinor: number; unitPriceMinor: number }[];
  promotionCode: string | null;
  shipping: { method: string; country: string; region: string | null; postalCode: string | null };
  payment: { paymentIntentId: string; clientSecret: string; paymentPageUrl: string | null } | null;
  refunded: boolean;
  timeline: { status: OrderStatus; reason: string | null; occurredAt: string }[];
  createdAt: string;
};

/** The order this browser just placed (httpOnly): the payment page sends the shopper to /checkout/return, which reads it. */
export const placedOrderCookie = "sos_order";

/**
 * A guest's order number and email (httpOnly, one hour), for the confirmation after the payment page: ordering lets
 * only an order's account read it back, so a guest's order page shows what the placement answered.
 */
export const guestOrderCookie = "sos_guest_order";

/** The guest order cookie's value, `number email`; null when it is not one. */
export function guestOrderOf(value: string | undefined): { number: string; email: string } | null {
  const match = value?.match(/^(SOS-\d{4}-\d{6}) (\S+@\S+)$/);
  return match ? { number: match[1], email: match[2] } : null;
}

/** Ordering (`/api/orders`) on a shopper's behalf. */
export class OrderingClient {
  constructor(private readonly services: ServiceClient = new ServiceClient()) {}

  /** Places the order for the shopper's cart; the same key always answers with the same order (one charge). */
  place(shopper: Shopper, idempotencyKey: string, guestEmail?: string): Promise<Answer<Order>> {
    const body = shopper.accessToken ? {} : { email: guestEmail };
    return this.services.call<Order>("ordering", "/api/orders", { method: "POST", body, shopper, headers: { "idempotency-key": idempotencyKey } });
  }

  get(shopper: Shopper, id: string): Promise<Answer<Order>> {
    return this.services.call<Order>("ordering", `/api/orders/${encodeURIComponent(id)}`, { shopper });
  }

  /** The customer cancels before the order ships (a paid one is refunded in full); 409 with `status` once it has. */
  cancel(shopper: Shopper, id: string): Promise<Answer<Order>> {
    return this.services.call<Order>("ordering", `/api/orders/${encodeURIComponent(id)}/cancel`, { method: "POST", shopper });
  }

  /** Asks to send back lines of a delivered order, each with a reason. */
  requestReturn(shopper: Shopper, orderId: string, lines: ReturnRequestLine[]): Promise<Answer<OrderReturn>> {
    return this.services.call<OrderReturn>("ordering", "/api/returns", { method: "POST", body: { orderId, lines }, shopper });
  }

  /** The shopper's orders, newest first, a page at a time (ordering's GraphQL order history). */
  async history(shopper: Shopper, after: string | null, first = 20): Promise<OrderHistoryPage | null> {
    const data = await this.graphql<{ orders: OrderHistoryPage }>(shopper, historyQuery, { first, after });
    return data?.orders ?? null;
  }

  /** What the order page adds to the order: its lines by number, parcels and returns (GraphQL `order(id)`). */
  async extras(shopper: Shopper, id: string): Promise<OrderExtras | null> {
    const data = await this.graphql<{ order: OrderExtras | null }>(shopper, extrasQuery, { id });
    return data?.order ?? null;
  }

  /** null when ordering refused the query (signed out: UNAUTHENTICATED); a service down throws, as every call does. */
  private async graphql<T>(shopper: Shopper, query: string, variables: Record<string, unknown>): Promise<T | null> {
    const answer = await this.services.call<{ data?: T; errors?: { message: string }[] }>("ordering", "/graphql", { method: "POST", body: { query, variables }, shopper });
    if (!answer.ok || !answer.body || answer.body.errors?.length) return null;
    return answer.body.data ?? null;
  }
}

/** GraphQL enums are upper snake case (`AWAITING_PAYMENT`); the REST API's are Pascal case (`AwaitingPayment`). */
export function statusFromGraphQL(value: string): OrderStatus {
  return value.toLowerCase().replace(/(^|_)(\w)/g, (_, __, letter: string) => letter.toUpperCase()) as OrderStatus;
}

export type Money = { amountMinor: number; currency: string };

export type OrderSummary = { id: string; number: string; status: string; placedAt: string; totals: { total: Money }; lines: { quantity: number }[] };
export type OrderHistoryPage = { nodes: OrderSummary[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };

const historyQuery = `query History($first: Int, $after: String) {
  orders(first: $first, after: $after) {
    nodes { id number status placedAt totals { total { amountMinor currency } } lines { quantity } }
    pageInfo { endCursor hasNextPage }
  }
}`;

export type ReturnStatus = "REQUESTED" | "APPROVED" | "REJECTED" | "RECEIVED" | "REFUNDED" | "EXCHANGED";
export type OrderReturnSummary = {
  id: string;
  status: ReturnStatus;
  requestedAt: string;
  rejectionReason: string | null;
  refund: Money;
  lines: { lineNumber: number; sku: string; quantity: number; reason: string }[];
};
export type OrderExtras = {
  lines: { lineNumber: number; sku: string; productName: string; size: string | null; colour: string | null; quantity: number }[];
  shipments: { carrier: string; trackingNumber: string; trackingUrl: string | null; shippedAt: string; deliveredAt: string | null; returnId: string | null }[];
  returns: OrderReturnSummary[];
};

const extrasQuery = `query OrderExtras($id: ID!) {
  order(id: $id) {
    lines { lineNumber sku productName size colour quantity }
    shipments { carrier trackingNumber trackingUrl shippedAt deliveredAt returnId }
    returns { id status requestedAt rejectionReason refund { amountMinor currency } lines { lineNumber sku quantity reason } }
  }
}`;

export type ReturnReason = "wrong-size" | "defective" | "wrong-item" | "not-as-described" | "changed-mind";
export type ReturnRequestLine = { lineNumber: number; quantity: number; reason: ReturnReason };
export type OrderReturn = { id: string; status: string };

/** Ordering's return reasons, in the shopper's words. */
export const returnReasons: Record<ReturnReason, string> = {
  "wrong-size": "Wrong size",
  defective: "Faulty or damaged",
  "wrong-item": "Not what I ordered",
  "not-as-described": "Not as described",
  "changed-mind": "Changed my mind",
};

export const returnStatusNames: Record<ReturnStatus, string> = {
  REQUESTED: "Requested: waiting for the shop's answer",
  APPROVED: "Approved: send the items back",
  REJECTED: "Rejected",
  RECEIVED: "Received: the refund is on its way",
  REFUNDED: "Refunded",
  EXCHANGED: "Exchanged: the new size is on its way",
};

/**
 * Units still returnable per line: what was ordered minus what returns that were not rejected already cover
 * (ordering's rule: each line at most once per return, never more than the units not yet returned).
 */
export function returnableUnits(lines: OrderExtras["lines"], returns: OrderReturnSummary[]): Map<number, number> {
  const left = new Map(lines.map(line => [line.lineNumber, line.quantity]));
  for (const r of returns) {
    if (r.status === "REJECTED") continue;
    for (const line of r.lines) left.set(line.lineNumber, Math.max(0, (left.get(line.lineNumber) ?? 0) - line.quantity));
  }
  return left;
}

/** The lines a return form asks for: `line-<n>` checked, with `quantity-<n>` and `reason-<n>`; field errors by name. */
export function returnLinesFrom(data: FormData, returnable: Map<number, number>): { lines: ReturnRequestLine[]; errors: Record<string, string> } {
  const lines: ReturnRequestLine[] = [];
  const errors: Record<string, string> = {};
  for (const [lineNumber, left] of returnable) {
    if (data.get(`line-${lineNumber}`) !== "on") continue;
    const quantity = Number(data.get(`quantity-${lineNumber}`) ?? 1);
    const reason = String(data.get(`reason-${lineNumber}`) ?? "");
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > left) errors[`quantity-${lineNumber}`] = `Choose 1 to ${left}.`;
    if (!(reason in returnReasons)) errors[`reason-${lineNumber}`] = "Choose why you send it back.";
    lines.push({ lineNumber, quantity, reason: reason as ReturnReason });
  }
  if (!lines.length) errors.lines = "Choose the items you send back.";
  return { lines, errors };
}

/** A refused return (422 reasons, 409) in the shopper's words. */
export function returnRefusalMessage(status: number, reason: string | undefined): string {
  const reasons: Record<string, string> = {
    "not-delivered": "Items can be returned once the order is delivered.",
    "return-window-closed": "The 30 days for returns after delivery have passed.",
    "quantity-exceeds-order": "That is more than you have left to return on this order.",
    "exchange-not-same-product": "An exchange must be the same product in another size.",
  };
  if (status === 422 && reason && reasons[reason]) return reasons[reason];
  if (status === 409) return "The size you asked in exchange is out of stock.";
  if (status === 503 || status === 502) return "Returns cannot be requested right now. Please try again in a moment.";
  return "The return could not be requested. Please try again.";
}

/** The customer may cancel until the order ships (ordering refunds a paid one in full). */
export const cancellableStatuses: OrderStatus[] = ["Pending", "AwaitingPayment", "Paid", "Fulfilling"];

export const statusNames: Record<OrderStatus, string> = {
  Pending: "Being placed",
  AwaitingPayment: "Awaiting payment",
  Paid: "Paid",
  Fulfilling: "Being packed",
  Shipped: "Shipped",
  Delivered: "Delivered",
  Cancelled: "Cancelled",
};

/** Why an order was cancelled, in the shopper's words (ordering's reasons). */
export function cancellationMessage(reason: string | null): string {
  const reasons: Record<string, string> = {
    "payment-failed": "The payment did not go through, so nothing was charged and the items went back on the shelf.",
    "payment-timeout": "The payment was not completed in time, so the order was cancelled and nothing was charged.",
    "customer-cancelled": "You cancelled this order.",
    "out-of-stock": "Some items sold out before the order could be reserved; nothing was charged.",
    "stock-lost-refunded": "The items could not be kept for you after payment: the payment was refunded in full.",
  };
  return (reason && reasons[reason]) ?? "This order was cancelled.";
}

/** A refused placement (409 out of stock, 422 rules, 503) in the shopper's words. */
export function placementMessage(status: number, reason: string | undefined, shortSkus: string[] | undefined): string {
  if (status === 409) return `Some items sold out meanwhile${shortSkus?.length ? ` (${shortSkus.join(", ")})` : ""}: nothing was charged. Please update your cart.`;
  const reasons: Record<string, string> = {
    "empty-cart": "Your cart is empty.",
    "destination-required": "Choose where the order goes on the cart page first.",
    "shipping-method-required": "Choose a shipping method on the cart page first.",
    "idempotency-key-reused": "Your cart changed while the order was being placed. Please check it and place the order again.",
  };
  if (status === 422 && reason && reasons[reason]) return reasons[reason];
  if (status === 503 || status === 502) return "Orders cannot be placed right now: part of the shop is not answering. Nothing was charged; please try again in a moment.";
  return "The order could not be placed. Nothing was charged; please try again.";
}
