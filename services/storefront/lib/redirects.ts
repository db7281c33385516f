/**
 * Where a sign-in may send the shopper afterwards (`/sign-in?next=...`): only a path on the shop itself. Anything that
 * would leave the site — another origin, a protocol-relative `//host`, `/\host` (browsers read `\` as `/`), a scheme
 * such as `javascript:`, tabs or newlines browsers strip out of URLs — is refused (null): an open redirect would let a
 * phishing link borrow the shop's name. The answer is the path as a URL parser reads it, so what is checked is what
 * the browser will follow.
 */
export function safeNext(value: unknown): string | null {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.length > 2048) return null;
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return null;
  const base = "https://shop.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith("//") ? null : path;
}

/** The sign-in page that comes back to `path` afterwards. */
export function signInFor(path: string): string {
  const next = safeNext(path);
  return next && next !== "/" ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in";
}
