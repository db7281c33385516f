import { createHmac, randomUUID } from "node:crypto";
import { apiTarget, type ApiTarget } from "./services.ts";

/**
 * Usage events the storefront's server reports to analytics (services/Analytics/README.md): buffered in memory and sent
 * in batches of at most 500 to `POST /webhooks/events`, signed with Standard Webhooks (HMAC-SHA256 of
 * `id.timestamp.body`). Only the first-party visitor id and the signed-in user's id identify the shopper: no IP
 * address, no user agent, no query string. Reporting never delays or breaks a page: a batch that cannot be sent is
 * dropped (analytics is not worth a shopper's wait).
 */
export type UsageEvent =
  | { type: "page-viewed"; path: string }
  | { type: "product-viewed" | "recommendation-shown" | "recommendation-clicked"; productId: string; sku?: string; size?: string }
  | { type: "search-performed"; query: string; resultCount: number }
  | { type: "added-to-cart"; productId: string; sku: string; size?: string; quantity: number }
  | { type: "checkout-started" };

export type Visit = { visitorId: string; userId?: string | null };

export const visitorCookieName = "sos_visitor";
export const maxBatch = 500;

/** The Standard Webhooks signature (`v1,` + base64 HMAC-SHA256 of `id.timestamp.payload` with the secret's bytes). */
export function sign(secret: string, id: string, timestampSeconds: number, payload: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return "v1," + createHmac("sha256", key).update(`${id}.${timestampSeconds}.${payload}`).digest("base64");
}

type Send = (body: string, headers: Record<string, string>) => Promise<void>;

export class UsageReporter {
  private buffer: object[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly secret: () => Promise<string | null>,
    private readonly send: Send,
    private readonly flushEveryMs = 5_000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Queues one event of this visit; a full batch goes at once, the rest within `flushEveryMs`. */
  record(visit: Visit, event: UsageEvent): void {
    if (!visit.visitorId) return;
    this.buffer.push({ id: randomUUID(), occurredAt: this.now().toISOString(), visitorId: visit.visitorId, userId: visit.userId ?? null, ...event });
    if (this.buffer.length >= maxBatch) void this.flush();
    else if (!this.timer) {
      this.timer = setInterval(() => void this.flush(), this.flushEveryMs);
      this.timer.unref?.();
    }
  }

  /** Sends everything queued, 500 at a time. */
  async flush(): Promise<void> {
    while (this.buffer.length > 0) {
      const events = this.buffer.splice(0, maxBatch);
      try {
        const secret = await this.secret();
        if (!secret) continue;
        const payload = JSON.stringify({ events });
        const id = `msg_${randomUUID()}`;
        const timestamp = Math.floor(this.now().getTime() / 1000);
        await this.send(payload, {
          "content-type": "application/json",
          "webhook-id": id,
          "webhook-timestamp": String(timestamp),
          "webhook-signature": sign(secret, id, timestamp, payload),
        });
      } catch {
        // Dropped: usage figures tolerate a lost batch, a page does not tolerate waiting for one.
      }
    }
    if (this.buffer.length === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}

/**
 * The secret `analytics:webhookSecret` from the sidecar's secret store (read once), or `ANALYTICS_WEBHOOK_SECRET`
 * without a sidecar; none: usage is not reported.
 */
export function secretSource(env: Record<string, string | undefined> = process.env, fetcher: typeof fetch = fetch): () => Promise<string | null> {
  let cached: Promise<string | null> | null = null;
  return () => {
    if (env.ANALYTICS_WEBHOOK_SECRET) return Promise.resolve(env.ANALYTICS_WEBHOOK_SECRET);
    if (!env.DAPR_HTTP_ENDPOINT) return Promise.resolve(null);
    cached ??= (async () => {
      const name = "analytics:webhookSecret";
      const headers: Record<string, string> = env.DAPR_API_TOKEN ? { "dapr-api-token": env.DAPR_API_TOKEN } : {};
      const response = await fetcher(`${env.DAPR_HTTP_ENDPOINT!.replace(/\/$/, "")}/v1.0/secrets/secretstore/${encodeURIComponent(name)}`, { headers, cache: "no-store" });
      if (!response.ok) return null;
      const body = (await response.json()) as Record<string, string>;
      return body[name] ?? null;
    })().catch(() => null);
    return cached.then(secret => {
      if (!secret) cached = null; // try again on the next batch
      return secret;
    });
  };
}

/** Posts a signed batch to analytics through the sidecar (service invocation) or the gateway's public webhook path. */
export function sender(target: ApiTarget = apiTarget(), fetcher: typeof fetch = fetch): Send {
  return async (body, headers) => {
    await fetcher(target.baseUrl + target.prefix("analytics", "/webhooks/events"), { method: "POST", headers: { ...headers, ...target.headers }, body, cache: "no-store" });
  };
}

/** The storefront server's one reporter. */
export const usage = new UsageReporter(secretSource(), sender());
