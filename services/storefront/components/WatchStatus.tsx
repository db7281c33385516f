"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Re-renders the page on the server every two seconds while the order is still moving (being placed, awaiting the
 * payment's result), so its status follows ordering without a reload. Polling: the shop has no push channel yet.
 */
export function WatchStatus({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
