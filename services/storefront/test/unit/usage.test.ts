import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { secretSource, sign, UsageReporter } from "../../lib/usage.ts";

describe("sign", () => {
  it("computes the Standard Webhooks signature of the specification's example", () => {
    const signature = sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}');
    assert.equal(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });
});

describe("UsageReporter", () => {
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  it("sends signed batches of at most 500 events with the visitor and the user, and nothing else about them", async () => {
    const sent: { body: string; headers: Record<string, string> }[] = [];
    const reporter = new UsageReporter(async () => secret, async (body, headers) => void sent.push({ body, headers }), 60_000, () => new Date("2026-11-30T16:00:00Z"));

    for (let i = 0; i < 501; i++) reporter.record({ visitorId: "v-1", userId: "u-1" }, { type: "search-performed", query: `q${i}`, resultCount: i });
    await reporter.flush();

    assert.deepEqual(sent.map(s => (JSON.parse(s.body) as { events: unknown[] }).events.length), [500, 1]);
    const first = sent[0]!;
    assert.equal(first.headers["webhook-timestamp"], String(Date.parse("2026-11-30T16:00:00Z") / 1000));
    assert.equal(first.headers["webhook-signature"], sign(secret, first.headers["webhook-id"]!, Date.parse("2026-11-30T16:00:00Z") / 1000, first.body));
    const event = (JSON.parse(first.body) as { events: Record<string, unknown>[] }).events[0]!;
    assert.deepEqual(Object.keys(event).sort(), ["id", "occurredAt", "query", "resultCount", "type", "userId", "visitorId"]);
    assert.equal(event.visitorId, "v-1");
  });

  it("drops a batch it cannot send or sign, and never throws", async () => {
    let calls = 0;
    const failing = new UsageReporter(async () => secret, async () => { calls++; throw new Error("analytics is down"); }, 60_000);
    const unsigned = new UsageReporter(async () => null, async () => { calls += 100; }, 60_000);

    failing.record({ visitorId: "v-2" }, { type: "checkout-started" });
    unsigned.record({ visitorId: "v-2" }, { type: "checkout-started" });
    await failing.flush();
    await unsigned.flush();
    await failing.flush();

    assert.equal(calls, 1);
  });
});

describe("secretSource", () => {
  it("reads analytics:webhookSecret from the sidecar's secret store", async () => {
    const asked: string[] = [];
    const source = secretSource({ DAPR_HTTP_ENDPOINT: "http://127.0.0.1:3530" }, (async (url: string) => {
      asked.push(url);
      return new Response(JSON.stringify({ "analytics:webhookSecret": "whsec_abc" }));
    }) as typeof fetch);

    assert.equal(await source(), "whsec_abc");
    assert.deepEqual(asked, ["http://127.0.0.1:3530/v1.0/secrets/secretstore/analytics%3AwebhookSecret"]);
  });
});
