"use client";

import { useState } from "react";
import { channels, type FlashSaleView, flashSaleUnitsSentence, flashSaleView, laterFlashSaleView, type StockStatus } from "@/lib/live.ts";
import { useChannel } from "./useChannel.ts";

/**
 * A running flash sale's units left, live: the page renders what the catalog said, then the hub's public `flash-sales`
 * channel counts it down ("7 left"), says "Sold out" when the last unit is reserved (and "Ended" at its end). Exact
 * counts signed in; anonymous shoppers only from 10 units up (the hub's rule), "Only a few left" below.
 */
export function LiveFlashSale({ saleId, user, status, remaining }: { saleId: string; user: string | null; status: StockStatus | null; remaining: number | null }) {
  const [view, setView] = useState<FlashSaleView | null>(null);
  const [listening, setListening] = useState(false);
  useChannel(channels.flashSales, user, message => {
    const next = flashSaleView(message, saleId);
    if (next) setView(shown => laterFlashSaleView(shown, next));
  }, () => setListening(true));
  const shown = view ?? (status ? { status, remaining } : null);
  if (!shown) return null;
  return (
    <span className={`units ${shown.status}`} role="status" data-testid="flash-sale-units" data-sale={saleId} data-status={shown.status}
      data-live={view ? "yes" : listening ? "listening" : "no"} data-remaining={shown.remaining ?? undefined}>
      {flashSaleUnitsSentence(shown)}
    </span>
  );
}
