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

/** Ordering (`/api/orders`) on a shopper's behalf. */
export class OrderingClient {
  constructor(private readonly services: ServiceClient = new ServiceClient()) {}

  /** Places the order for the shopper's cart; the same key always answers with the same order (one charge). */
  place(shopper: Shopper, idempotencyKey: string): Promise<Answer<Order>> {
    return this.services.call<Order>("ordering", "/api/orders", { method: "POST", body: {}, shopper, headers: { "idempotency-key": idempotencyKey } });
  }

  get(shopper: Shopper, id: string): Promise<Answer<Order>> {
    return this.services.call<Order>("ordering", `/api/orders/${encodeURIComponent(id)}`, { shopper });
  }
}

/** Statuses after which nothing more happens without staff or the carrier: the page stops watching. */
export const settledStatuses: OrderStatus[] = ["Paid", "Fulfilling", "Shipped", "Delivered", "Cancelled"];

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
