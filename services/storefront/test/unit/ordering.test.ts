import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cancellationMessage, OrderingClient, placementMessage } from "../../lib/ordering.ts";
import { ServiceClient } from "../../lib/services.ts";

describe("OrderingClient", () => {
  it("places the order with the idempotency key and the shopper's token", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetcher = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ id: "0190-order", payment: { paymentPageUrl: "http://sandbox/pay" } }), { status: 201 });
    }) as unknown as typeof fetch;
    const ordering = new OrderingClient(new ServiceClient({ baseUrl: "http://sidecar", headers: { "dapr-api-token": "t" }, prefix: (app, path) => `/v1.0/invoke/${app}/method${path}` }, fetcher));

    const answer = await ordering.place({ accessToken: "jwt" }, "key-0123456789abcdef");

    assert.equal(calls[0].url, "http://sidecar/v1.0/invoke/ordering/method/api/orders");
    const headers = calls[0].init.headers as Record<string, string>;
    assert.equal(headers["idempotency-key"], "key-0123456789abcdef");
    assert.equal(headers.authorization, "Bearer jwt");
    assert.equal(headers["dapr-api-token"], "t");
    assert.equal(answer.body?.payment?.paymentPageUrl, "http://sandbox/pay");
  });
});

describe("placementMessage", () => {
  it("names the SKUs that sold out and says nothing was charged", () => {
    assert.equal(placementMessage(409, undefined, ["SOS-1-42-BLK"]), "Some items sold out meanwhile (SOS-1-42-BLK): nothing was charged. Please update your cart.");
  });

  it("sends the shopper back to the cart for a missing destination or shipping method", () => {
    assert.match(placementMessage(422, "destination-required", undefined), /cart page/);
    assert.match(placementMessage(422, "shipping-method-required", undefined), /shipping method/);
    assert.match(placementMessage(503, undefined, undefined), /not answering/);
  });
});

describe("cancellationMessage", () => {
  it("explains a failed payment and a refund after lost stock", () => {
    assert.match(cancellationMessage("payment-failed"), /nothing was charged/);
    assert.match(cancellationMessage("stock-lost-refunded"), /refunded in full/);
    assert.equal(cancellationMessage(null), "This order was cancelled.");
  });
});
