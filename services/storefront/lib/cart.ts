import { type Answer, ServiceClient, type Shopper } from "./services.ts";

/** A cart as the cart API answers it, priced now on the server: every amount in minor units of `currency`. */
export type Cart = {
  id: string | null;
  version: number;
  anonymous: boolean;
  currency: string;
  pricesIncludeTax: boolean;
  lines: CartLine[];
  promotion: { code: string; applied: boolean; reason: string | null; discountMinor: number } | null;
  destination: Destination | null;
  shipping: { method: string; storeId: string | null; priceMinor: number | null; earliestDelivery: string | null; latestDelivery: string | null; offered: boolean } | null;
  totals: { subtotalMinor: number; discountMinor: number; shippingMinor: number; taxMinor: number; totalMinor: number; taxIncluded: boolean; taxKnown: boolean };
  merge: MergeReport | null;
};

export type CartLine = {
  sku: string;
  productName: string | null;
  size: string | null;
  colour: string | null;
  quantity: number;
  unitPriceMinor: number;
  listPriceMinor: number;
  lineTotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  taxRatePercent: number | null;
  flashSale: { name: string; perCustomerLimit: number | null; endsAt: string } | null;
  priceWhenSetMinor: number;
  priceChanged: boolean;
  available: number | null;
  stock: "in-stock" | "short" | "out-of-stock" | "unknown";
  stockChanged: boolean;
  unavailable: boolean;
};

export type Destination = { country: string; region?: string | null; postalCode?: string | null };

export type MergeReport = { linesMerged: number; lines: { sku: string; requested: number; quantity: number; limit: string | null }[] };

export type ShippingQuote = {
  method: string;
  priceMinor: number;
  currency: string;
  free: boolean;
  earliestDelivery: string;
  latestDelivery: string;
  stores: { id: string; name: string; city: string; country: string; distanceKm: number }[] | null;
};

export const shippingMethodNames: Record<string, string> = {
  standard: "Standard",
  express: "Express",
  "next-day": "Next day",
  "click-and-collect": "Click and collect",
};

/** The cart API (`/api/cart` on app `cart`) on a shopper's behalf: their cookie and token go with every call. */
export class CartClient {
  constructor(private readonly services: ServiceClient = new ServiceClient()) {}

  get(shopper: Shopper): Promise<Answer<Cart>> {
    return this.services.call<Cart>("cart", "/api/cart", { shopper });
  }

  addLine(shopper: Shopper, sku: string, quantity: number): Promise<Answer<Cart>> {
    return this.services.call<Cart>("cart", "/api/cart/lines", { method: "POST", body: { sku, quantity }, shopper });
  }

  changeLine(shopper: Shopper, sku: string, quantity: number, version: number): Promise<Answer<Cart>> {
    return this.services.call<Cart>("cart", `/api/cart/lines/${encodeURIComponent(sku)}`, { method: "PUT", body: { quantity, version }, shopper });
  }

  removeLine(shopper: Shopper, sku: string, version: number): Promise<Answer<Cart>> {
    return this.services.call<Cart>("cart", `/api/cart/lines/${encodeURIComponent(sku)}?version=${version}`, { method: "DELETE", shopper });
  }

  applyPromotion(shopper: Shopper, code: string, version: number): Promise<Answer<Cart>> {
    return this.services.call<Cart>("cart", "/api/cart/promotion", { method: "PUT", body: { code, version }, shopper });
  }

  removePromotion(shopper: Shopper, version: number): Promise<Answer<Cart>> {
    return this.services.call<Cart>("cart", `/api/cart/promotion?version=${version}`, { method: "DELETE", shopper });
  }

  setDestination(shopper: Shopper, destination: Destination, version: number): Promise<Answer<Cart>> {
    return this.services.call<Cart>("cart", "/api/cart/destination", { method: "PUT", body: { ...destination, version }, shopper });
  }

  setShipping(shopper: Shopper, method: string, storeId: string | null, version: number): Promise<Answer<Cart>> {
    return this.services.call<Cart>("cart", "/api/cart/shipping", { method: "PUT", body: { method, storeId, version }, shopper });
  }

  /** Quotes for the shopper's cart to its destination. */
  quotes(shopper: Shopper, destination: Destination): Promise<Answer<{ quotes: ShippingQuote[] }>> {
    return this.services.call("cart", "/api/shipping/quotes", { method: "POST", body: { destination }, shopper });
  }
}

export type ShippingStore = NonNullable<ShippingQuote["stores"]>[number];

/** One choice per method, and per store for click and collect: the form's value is `method` or `method:storeId`. */
export type ShippingOption = { value: string; quote: ShippingQuote; store: ShippingStore | null };

export function shippingOptions(quotes: ShippingQuote[]): ShippingOption[] {
  return quotes.flatMap<ShippingOption>(quote =>
    quote.stores?.length
      ? quote.stores.map(store => ({ value: `${quote.method}:${store.id}`, quote, store }))
      : [{ value: quote.method, quote, store: null }],
  );
}

/** Units in the cart, for the header's count. */
export function itemCount(cart: Cart | null): number {
  return cart?.lines.filter(line => !line.unavailable).reduce((sum, line) => sum + line.quantity, 0) ?? 0;
}

/** What a line's note says when its price or stock moved since the shopper set it; null when nothing did. */
export function lineNotes(line: CartLine, format: (minor: number) => string): string[] {
  const notes: string[] = [];
  if (line.unavailable) return ["No longer sold: it is not counted in the total."];
  if (line.priceChanged)
    notes.push(`Price ${line.unitPriceMinor < line.priceWhenSetMinor ? "dropped" : "went up"} from ${format(line.priceWhenSetMinor)} to ${format(line.unitPriceMinor)}.`);
  if (line.stock === "out-of-stock") notes.push("Out of stock now.");
  else if (line.stock === "short") notes.push(`Only ${line.available} left: lower the quantity to order.`);
  else if (line.stockChanged && line.stock === "in-stock") notes.push("Back in stock.");
  return notes;
}

/** A rule the cart API named (422 `reason`, or why a code stopped applying), in the shopper's words. */
export function ruleMessage(reason: string | null, detail?: string): string {
  const reasons: Record<string, string> = {
    "lines-per-cart": "Your cart is full: it holds 50 different items at most.",
    "destination-required": "Choose where the order goes first.",
    "method-not-offered": "This shipping method is not offered for that destination.",
    "store-not-offered": "That store is not near the destination.",
    unknown: "This code does not exist.",
    "not-started": "This code is not valid yet.",
    expired: "This code has expired.",
    "usage-limit-reached": "This code has been used up.",
    "customer-limit-reached": "You have already used this code.",
    "sign-in-required": "Sign in to use this code.",
    "minimum-spend-not-met": "Spend a little more to use this code.",
    "no-eligible-items": "No item in your cart qualifies for this code.",
  };
  return (reason && reasons[reason]) ?? detail ?? "This code does not apply to your cart.";
}
