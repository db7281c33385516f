/**
 * Readiness for Kubernetes (charts/service-lib probes /readyz): the server takes requests. Pages say so themselves when
 * the catalog cannot be reached (app/error.tsx), so the catalog's health does not take the storefront out of service.
 */
export const dynamic = "force-dynamic";

export function GET(): Response {
  return new Response("Healthy", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
