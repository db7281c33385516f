import { CartClient } from "./cart.ts";
import { CatalogClient } from "./catalog.ts";
import { IdentityClient } from "./identity.ts";
import { NotificationsClient } from "./notifications.ts";
import { OrderingClient } from "./ordering.ts";
import { ServiceClient } from "./services.ts";

/** One client per server process; they hold no per-shopper state (the shopper goes with each call). */
export const catalog = new CatalogClient();
const services = new ServiceClient();
export const carts = new CartClient(services);
export const identity = new IdentityClient(services);
export const ordering = new OrderingClient(services);
export const notifications = new NotificationsClient(services);

/** The shop's public URL (the gateway's), for canonical links, the sitemap and structured data. */
export const publicUrl = (process.env.PUBLIC_URL ?? "http://localhost:8080").replace(/\/$/, "");

export const shopName = "Space of Sport";
