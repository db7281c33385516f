"use client";

import { useRouter } from "next/navigation";
import { channels, isNewerCart } from "@/lib/live.ts";
import { useChannel } from "./useChannel.ts";

/**
 * Keeps a signed-in shopper's cart the same in every tab and device: the hub's `cart:{user}` channel says when the
 * cart's version moved past the one this page was rendered with, and the page is rendered again (header count, cart
 * page). Anonymous carts have no channel (the hub keys carts by user): their tabs see changes on the next page.
 */
export function LiveCart({ user, version }: { user: string; version: number }) {
  const router = useRouter();
  const refreshIfNewer = (message: Parameters<typeof isNewerCart>[0]) => {
    if (isNewerCart(message, version)) router.refresh();
  };
  useChannel(channels.cart(user), user, refreshIfNewer, subscription => {
    // Too far behind after a reconnect for the hub to replay: read the cart again.
    if (subscription.resync) router.refresh();
    // A change between this page's render and the subscription: the channel's latest message carries it.
    else if (subscription.latest) refreshIfNewer(subscription.latest);
  });
  return null;
}
