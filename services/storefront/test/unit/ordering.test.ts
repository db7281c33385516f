import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cancellationMessage, guestOrderOf, type OrderExtras, OrderingClient, placementMessage, returnableUnits, returnLinesFrom, returnRefusalMessage, statusFromGraphQL } from "../../lib/ordering.ts";
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

/** An OrderingClient whose calls are recorded and answered with `reply`. */
function recording(reply: unknown, status = 200) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(reply), { status });
  }) as unknown as typeof fetch;
  const client = new OrderingClient(new ServiceClient({ baseUrl: "http://sidecar", headers: {}, prefix: (app, path) => `/v1.0/invoke/${app}/method${path}` }, fetcher));
  return { calls, client };
}

describe("OrderingClient for guests, history, cancelling and returns", () => {
  it("a guest's order carries the email; a signed-in one does not", async () => {
    const { calls, client } = recording({ id: "o" }, 201);
    await client.place({ cartCookie: "c" }, "key-0123456789abcdef", "guest@example.test");
    await client.place({ accessToken: "jwt" }, "key-0123456789abcdef", "ignored@example.test");
    assert.deepEqual(JSON.parse(String(calls[0].init.body)), { email: "guest@example.test" });
    assert.equal((calls[0].init.headers as Record<string, string>).cookie, "sos_cart=c");
    assert.deepEqual(JSON.parse(String(calls[1].init.body)), {});
  });

  it("reads the history over GraphQL with the cursor, and nothing when ordering refuses the query", async () => {
    const page = { nodes: [{ id: "o", number: "SOS-2026-000001", status: "AWAITING_PAYMENT" }], pageInfo: { endCursor: "c2", hasNextPage: true } };
    const { calls, client } = recording({ data: { orders: page } });
    assert.deepEqual(await client.history({ accessToken: "jwt" }, "c1"), page);
    assert.equal(calls[0].url, "http://sidecar/v1.0/invoke/ordering/method/graphql");
    assert.deepEqual(JSON.parse(String(calls[0].init.body)).variables, { first: 20, after: "c1" });
    const refused = recording({ errors: [{ message: "UNAUTHENTICATED" }] });
    assert.equal(await refused.client.history({}, null), null);
  });

  it("cancels and requests a return at ordering's REST paths", async () => {
    const { calls, client } = recording({ id: "r" }, 201);
    await client.cancel({ accessToken: "jwt" }, "0193a-order");
    await client.requestReturn({ accessToken: "jwt" }, "0193a-order", [{ lineNumber: 1, quantity: 1, reason: "wrong-size" }]);
    assert.equal(calls[0].url, "http://sidecar/v1.0/invoke/ordering/method/api/orders/0193a-order/cancel");
    assert.equal(calls[0].init.method, "POST");
    assert.equal(calls[1].url, "http://sidecar/v1.0/invoke/ordering/method/api/returns");
    assert.deepEqual(JSON.parse(String(calls[1].init.body)), { orderId: "0193a-order", lines: [{ lineNumber: 1, quantity: 1, reason: "wrong-size" }] });
  });
});

describe("order statuses and returns in the shopper's words", () => {
  const lines: OrderExtras["lines"] = [
    { lineNumber: 1, sku: "A", productName: "Runner", size: "42", colour: "Black", quantity: 3 },
    { lineNumber: 2, sku: "B", productName: "Ball", size: null, colour: null, quantity: 1 },
  ];
  const returned = (status: string, lineNumber: number, quantity: number) =>
    ({ id: status, status, requestedAt: "", rejectionReason: null, refund: { amountMinor: 0, currency: "EUR" }, lines: [{ lineNumber, sku: "A", quantity, reason: "wrong-size" }] }) as OrderExtras["returns"][number];

  it("reads GraphQL's enum values as the REST API's statuses", () => {
    assert.equal(statusFromGraphQL("AWAITING_PAYMENT"), "AwaitingPayment");
    assert.equal(statusFromGraphQL("PAID"), "Paid");
  });

  it("counts the units still returnable: rejected returns give them back", () => {
    const left = returnableUnits(lines, [returned("REQUESTED", 1, 2), returned("REJECTED", 1, 1), returned("REFUNDED", 2, 1)]);
    assert.equal(left.get(1), 1);
    assert.equal(left.get(2), 0);
  });

  it("takes the chosen lines from the form, each with its quantity and reason, and names what is missing", () => {
    const data = new FormData();
    data.set("line-1", "on");
    data.set("quantity-1", "2");
    data.set("reason-1", "defective");
    const left = new Map([[1, 3], [2, 1]]);
    assert.deepEqual(returnLinesFrom(data, left), { lines: [{ lineNumber: 1, quantity: 2, reason: "defective" }], errors: {} });
    data.set("quantity-1", "4");
    data.set("reason-1", "because");
    assert.deepEqual(Object.keys(returnLinesFrom(data, left).errors).sort(), ["quantity-1", "reason-1"]);
    assert.equal(returnLinesFrom(new FormData(), left).errors.lines, "Choose the items you send back.");
  });

  it("says why a return is refused", () => {
    assert.match(returnRefusalMessage(422, "return-window-closed"), /30 days/);
    assert.match(returnRefusalMessage(422, "not-delivered"), /delivered/);
    assert.match(returnRefusalMessage(409, undefined), /out of stock/);
  });

  it("reads the guest order cookie, and nothing else", () => {
    assert.deepEqual(guestOrderOf("SOS-2026-000123 guest@example.test"), { number: "SOS-2026-000123", email: "guest@example.test" });
    assert.equal(guestOrderOf("SOS-2026-000123 <script>"), null);
    assert.equal(guestOrderOf(undefined), null);
  });
});
