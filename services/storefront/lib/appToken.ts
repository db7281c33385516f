import { timingSafeEqual } from "node:crypto";

/**
 * Whether a request comes from the storefront's own sidecar: it carries the app API token (`dapr-api-token`) the
 * launcher or the chart gives both (`APP_API_TOKEN`), compared in constant time. The gateway sends every other path to
 * the storefront, so without this anyone could call its Dapr routes. No token configured: nobody is (fail closed).
 */
export function fromOwnSidecar(headers: Headers, expected = process.env.APP_API_TOKEN): boolean {
  const presented = headers.get("dapr-api-token");
  if (!expected || !presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
