"use client";

import { useEffect, useRef } from "react";
import { listen } from "@/lib/hub.ts";
import type { HubMessage, Subscription } from "@/lib/live.ts";

/**
 * Listens on a hub channel while the component is shown. The callbacks may change with every render (they read the
 * latest props): only `channel` and `user` start a new subscription.
 */
export function useChannel(channel: string | null, user: string | null, onMessage: (message: HubMessage) => void, onSubscribed?: (subscription: Subscription) => void) {
  const handlers = useRef({ onMessage, onSubscribed });
  handlers.current = { onMessage, onSubscribed };
  useEffect(() => {
    if (!channel) return;
    return listen(channel, user, {
      onMessage: message => handlers.current.onMessage(message),
      onSubscribed: subscription => handlers.current.onSubscribed?.(subscription),
    });
  }, [channel, user]);
}
