/**
 * Liveness for Kubernetes and the sidecar's app health check (charts/service-lib probes /healthz): the server answers.
 * No dependency is checked, so a slow catalog never restarts a healthy storefront.
 */
export const dynamic = "force-dynamic";

export function GET(): Response {
  return new Response("Healthy", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
