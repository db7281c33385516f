import { type HubConnection, HubConnectionBuilder, HttpTransportType, LogLevel } from "@microsoft/signalr";
import { deliverable, type HubMessage, SequenceTracker, type Subscription } from "./live.ts";

/**
 * The browser's one connection to the notifications hub (`/ws` on the shop's own origin, through the gateway), shared
 * by every live part of a page. Its credential is a one-time ticket the storefront's server fetches with the shopper's
 * httpOnly token (`POST /live/ticket`), so the token never reaches a script; signed out, it connects anonymously
 * (public channels only). WebSockets only and negotiation skipped, as the hub requires.
 */
export type ChannelListener = {
  onMessage: (message: HubMessage) => void;
  /** After every (re)subscribe: the page may have missed something in between, or the hub asks for a resync. */
  onSubscribed?: (subscription: Subscription) => void;
};

type Hub = { user: string | null; connection: HubConnection; started: Promise<void> };

const listeners = new Map<string, Set<ChannelListener>>();
const tracker = new SequenceTracker();
let hub: Hub | null = null;

async function ticket(): Promise<string> {
  const response = await fetch("/live/ticket", { method: "POST", cache: "no-store" });
  if (!response.ok) return "";
  return ((await response.json()) as { ticket: string | null }).ticket ?? "";
}

/** Retries for ever, a little later each time (at most 30 s): a shop tab left open should come back on its own. */
const retryForever = { nextRetryDelayInMilliseconds: ({ previousRetryCount }: { previousRetryCount: number }) => Math.min(30_000, 500 * 2 ** previousRetryCount) };

function connect(user: string | null): Hub {
  const connection = new HubConnectionBuilder()
    .withUrl("/ws", { skipNegotiation: true, transport: HttpTransportType.WebSockets, accessTokenFactory: () => (user ? ticket() : "") })
    .withAutomaticReconnect(retryForever)
    .configureLogging(LogLevel.None)
    .build();
  connection.on("event", (message: HubMessage) => {
    if (!tracker.accept(message)) return;
    listeners.get(message.channel)?.forEach(listener => listener.onMessage(message));
  });
  // The access token behind the connection expired: start again with a fresh ticket (the server renews the token).
  connection.on("channelClosed", () => {
    if (hub?.connection !== connection) return;
    hub = null;
    void connection.stop().then(() => ensureHub(user));
  });
  connection.onreconnected(() => {
    for (const channel of listeners.keys()) void subscribeOn(connection, channel);
  });
  const started = startWithRetries(connection);
  return { user, connection, started };
}

async function startWithRetries(connection: HubConnection) {
  for (let attempt = 0; ; attempt++) {
    try {
      await connection.start();
      return;
    } catch {
      await new Promise(resolve => setTimeout(resolve, retryForever.nextRetryDelayInMilliseconds({ previousRetryCount: attempt })));
    }
  }
}

/**
 * The connection for this user; a sign-in or sign-out since the last one (or an expired token) starts a new one, which
 * takes over every channel listened to.
 */
function ensureHub(user: string | null): { current: Hub; created: boolean } {
  if (hub && hub.user === user) return { current: hub, created: false };
  const previous = hub;
  const current = (hub = connect(user));
  if (previous) void previous.connection.stop();
  void current.started.then(() => {
    for (const channel of listeners.keys()) void subscribeOn(current.connection, channel);
  });
  return { current, created: true };
}

async function subscribeOn(connection: HubConnection, channel: string) {
  let subscription: Subscription;
  try {
    subscription = await connection.invoke<Subscription>("subscribe", channel, tracker.last(channel));
  } catch {
    return; // refused (not-found: another user's channel, too many) or the connection dropped: onreconnected retries
  }
  const fresh = deliverable(subscription, tracker);
  for (const listener of listeners.get(channel) ?? []) {
    listener.onSubscribed?.(subscription);
    fresh.forEach(message => listener.onMessage(message));
  }
}

/** Listens on `channel` as `user` (null: anonymous) until the returned function is called. */
export function listen(channel: string, user: string | null, listener: ChannelListener): () => void {
  let set = listeners.get(channel);
  if (!set) listeners.set(channel, (set = new Set()));
  set.add(listener);
  const { current, created } = ensureHub(user);
  if (!created) void current.started.then(() => subscribeOn(current.connection, channel));
  return () => {
    set.delete(listener);
    if (set.size || listeners.get(channel) !== set) return;
    listeners.delete(channel);
    tracker.forget(channel);
    if (current.connection.state === "Connected") void current.connection.invoke("unsubscribe", channel).catch(() => undefined);
  };
}
