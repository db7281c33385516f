/**
 * What the notifications hub pushes (`services/Notifications/README.md`, "Channels") and how a page reads it. Pure
 * functions, shared by the browser's hub client (`lib/hub.ts`) and the unit tests.
 */
export type HubMessage<T = Record<string, unknown>> = { channel: string; sequence: number; type: string; id: string; occurredAt: string; data: T };

/** The hub's answer to `subscribe`. */
export type Subscription = { channel: string; sequence: number; missed: HubMessage[]; resync: boolean; latest: HubMessage | null };

export type CartChanged = { cartId: string; version: number; lineCount: number; totalQuantity: number };
export type StockStatus = "available" | "low" | "out";
export type StockChanged = { sku: string; status: StockStatus; available?: number | null };
export type OrderStatusChanged = { orderId: string; orderNumber: string; previousStatus: string; status: string; reason: string | null; sequence: number };

export type FlashSaleUnits = { flashSaleId: string; status: StockStatus; remaining?: number | null; asOf: string };

export const channels = {
  flashSales: "flash-sales",
  cart: (userId: string) => `cart:${userId}`,
  orders: (userId: string) => `orders:${userId}`,
  stock: (sku: string) => `stock:${sku}`,
};

/**
 * The highest sequence seen per channel: a message can arrive twice (live and in a reconnect's `missed`) or out of
 * order under load, so anything at or below it is dropped; the value is what a reconnect asks to resume after.
 */
export class SequenceTracker {
  private readonly highest = new Map<string, number>();

  /** True when `message` is new on its channel (and remembers it). */
  accept(message: Pick<HubMessage, "channel" | "sequence">): boolean {
    const seen = this.highest.get(message.channel) ?? 0;
    if (message.sequence <= seen) return false;
    this.highest.set(message.channel, message.sequence);
    return true;
  }

  /** Where the channel stands: the highest sequence seen, or null when nothing was (subscribe without resuming). */
  last(channel: string): number | null {
    return this.highest.get(channel) ?? null;
  }

  /** After a subscribe: the hub's current number, so only later messages count. */
  advance(channel: string, sequence: number) {
    if (sequence > (this.highest.get(channel) ?? 0)) this.highest.set(channel, sequence);
  }

  forget(channel: string) {
    this.highest.delete(channel);
  }
}

/** The messages a subscribe answer hands on, oldest first, without those already seen. */
export function deliverable(subscription: Subscription, tracker: SequenceTracker): HubMessage[] {
  const candidates = subscription.missed.length ? subscription.missed : subscription.latest ? [subscription.latest] : [];
  const fresh = [...candidates].sort((a, b) => a.sequence - b.sequence).filter(message => tracker.accept(message));
  tracker.advance(subscription.channel, subscription.sequence);
  return fresh;
}

/** A cart change another tab or device made: worth a re-render when its version is newer than the one shown. */
export function isNewerCart(message: HubMessage, shownVersion: number): boolean {
  if (message.type !== "cart-changed") return false;
  const version = (message.data as Partial<CartChanged>).version;
  return typeof version === "number" && version > shownVersion;
}

/** A status change of the order shown (the `orders:` channel carries all of the user's orders). */
export function isAboutOrder(message: HubMessage, orderId: string): boolean {
  return message.type === "order-status-changed" && (message.data as Partial<OrderStatusChanged>).orderId === orderId;
}

export type StockView = { status: StockStatus; available: number | null; backInStock: boolean };

/** A stock message as the product page shows it; null for anything that is not about stock. */
export function stockView(message: HubMessage): StockView | null {
  if (!["stock-changed", "back-in-stock", "low-stock"].includes(message.type)) return null;
  const data = message.data as Partial<StockChanged>;
  const status: StockStatus = data.status === "low" || data.status === "out" ? data.status : message.type === "low-stock" ? "low" : "available";
  return { status, available: typeof data.available === "number" ? data.available : null, backInStock: message.type === "back-in-stock" };
}

/** The sentence under the size picker for a variant ("In stock — 42, Black (SKU …)" is the page's own). */
export function stockSentence(view: StockView, variant: string): string {
  if (view.status === "out") return `Sold out in ${variant}`;
  const count = view.available === null ? "" : ` — ${view.available} left`;
  if (view.backInStock) return `Back in stock in ${variant}${count}`;
  if (view.status === "low") return `Low stock in ${variant}${view.available === null ? ": only a few left" : count}`;
  return `In stock in ${variant}${count}`;
}

/** A flash sale's units left as the home page shows them; `asOf` orders two figures (the later stock report wins). */
export type FlashSaleView = { status: StockStatus | "ended"; remaining: number | null; asOf: number };

/** A `flash-sales` message about the sale `saleId` as a view; null for other sales and other messages. */
export function flashSaleView(message: HubMessage, saleId: string): FlashSaleView | null {
  const data = message.data as Partial<FlashSaleUnits>;
  if (data.flashSaleId !== saleId) return null;
  if (message.type === "flash-sale-ended") return { status: "ended", remaining: null, asOf: Number.POSITIVE_INFINITY };
  if (message.type !== "flash-sale-stock-changed" && message.type !== "flash-sale-sold-out") return null;
  const status: StockStatus = message.type === "flash-sale-sold-out" ? "out" : data.status === "low" || data.status === "out" ? data.status : "available";
  return { status, remaining: typeof data.remaining === "number" ? data.remaining : null, asOf: Date.parse(data.asOf ?? "") || 0 };
}

/** The view to show: `next` unless it reflects an older stock report than `shown` (messages of two SKUs may cross). */
export function laterFlashSaleView(shown: FlashSaleView | null, next: FlashSaleView): FlashSaleView {
  return shown && shown.asOf > next.asOf ? shown : next;
}

/** "7 left", "Only a few left" (anonymous, below the hub's threshold), "Sold out", "Ended". */
export function flashSaleUnitsSentence(view: Pick<FlashSaleView, "status" | "remaining">): string {
  if (view.status === "ended") return "Ended";
  if (view.status === "out") return "Sold out";
  if (view.remaining !== null) return `${view.remaining} left`;
  return view.status === "low" ? "Only a few left" : "In stock";
}
