"use client";

import { useRouter } from "next/navigation";
import { channels, isAboutOrder } from "@/lib/live.ts";
import { useChannel } from "./useChannel.ts";

/**
 * Follows an order's status timeline as it happens: every `order-status-changed` of this order on the hub's
 * `orders:{user}` channel renders the page again (status, timeline, why it was cancelled). Once subscribed it renders
 * once more, for a change between the page's render and the subscription. No polling.
 */
export function LiveOrder({ orderId, user }: { orderId: string; user: string }) {
  const router = useRouter();
  useChannel(channels.orders(user), user, message => {
    if (isAboutOrder(message, orderId)) router.refresh();
  }, () => router.refresh());
  return null;
}
