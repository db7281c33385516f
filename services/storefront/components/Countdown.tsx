"use client";

import { useEffect, useState } from "react";
import { formatCountdown } from "@/lib/format.ts";

/** Time left until `endsAt`, ticking every second; the server renders the first value so nothing shifts. */
export function Countdown({ endsAt, renderedAt }: { endsAt: string; renderedAt: number }) {
  const [now, setNow] = useState(renderedAt);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Date.parse(endsAt) - now;
  return (
    <time className="countdown" dateTime={endsAt} aria-label={left > 0 ? `ends in ${formatCountdown(left)}` : "ended"}>
      {left > 0 ? formatCountdown(left) : "ended"}
    </time>
  );
}
