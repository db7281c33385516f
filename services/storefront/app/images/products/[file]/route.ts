import { catalog } from "@/lib/shop.ts";

/**
 * Product pictures are drawn by the catalog at /images/products/<file>; the gateway sends `/` here, so the storefront
 * passes them through from the catalog (over its sidecar) with the catalog's caching headers.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  if (!/^[\w.-]+$/.test(file)) return new Response("Not found", { status: 404 });
  try {
    const answer = await catalog.raw(`/images/products/${file}`);
    const headers = new Headers();
    for (const name of ["content-type", "cache-control", "etag"]) {
      const value = answer.headers.get(name);
      if (value) headers.set(name, value);
    }
    headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    return new Response(answer.body, { status: answer.status, headers });
  } catch {
    return new Response("The catalog is unavailable", { status: 503 });
  }
}
