"use client";

import { useState } from "react";
import { channels, stockSentence, type StockView, stockView } from "@/lib/live.ts";
import { useChannel } from "./useChannel.ts";

/**
 * The chosen variant's stock under the size picker, live: the page renders what the catalog said, then every message
 * on the hub's public `stock:{sku}` channel (available, low, sold out, back in stock) replaces it. Signed-in shoppers
 * get the exact count; anonymous ones only from 10 units up (the hub's rule).
 */
export function LiveStock({ sku, variant, user, inStock, children }: { sku: string; variant: string; user: string | null; inStock: boolean; children: string }) {
  const [view, setView] = useState<StockView | null>(null);
  const [listening, setListening] = useState(false);
  useChannel(channels.stock(sku), user, message => {
    const next = stockView(message);
    if (next) setView(next);
  }, () => setListening(true));
  const status = view ? (view.status === "out" ? "out" : view.status === "low" ? "low" : "in") : inStock ? "in" : "out";
  return (
    <p className={`stock ${status}`} role="status" data-testid="stock" data-live={view ? "yes" : listening ? "listening" : "no"} data-available={view?.available ?? undefined}>
      {view ? stockSentence(view, variant) : children}
    </p>
  );
}
