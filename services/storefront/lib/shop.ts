import { CatalogClient } from "./catalog.ts";

/** One client per server process; it holds no per-shopper state. */
export const catalog = new CatalogClient();

/** The shop's public URL (the gateway's), for canonical links, the sitemap and structured data. */
export const publicUrl = (process.env.PUBLIC_URL ?? "http://localhost:8080").replace(/\/$/, "");

export const shopName = "Space of Sport";
