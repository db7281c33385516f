import type { NextConfig } from "next";

// Security headers for every answer; the Content-Security-Policy (with a per-request nonce) is set in middleware.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const config: NextConfig = {
  // The container image (Dockerfile) sets NEXT_OUTPUT=standalone: a server.js with only the files it needs.
  // scripts/serve.sh (dapr.yaml) builds without it, for `next start`.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  poweredByHeader: false,
  reactStrictMode: true,
  // Product pictures are small SVGs the catalog draws; they need no resizing service.
  images: { unoptimized: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default config;
