import { type Answer, type Problem, ServiceClient, type Shopper } from "./services.ts";
import type { Tokens } from "./tokens.ts";

export type Profile = {
  id: string;
  email: string;
  name: string | null;
  phone: string | null;
  communication: { email: boolean; sms: boolean; push: boolean };
  sizes: { shoe: string | null; apparel: string | null };
  addresses: Address[];
  roles: string[];
};

export type Address = {
  id: string;
  recipient: string;
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  region: string | null;
  country: string;
  isDefaultShipping: boolean;
  isDefaultBilling: boolean;
};

/** Identity (`/api/auth/*` by gRPC JSON transcoding, `/api/users`) on a shopper's behalf. */
export class IdentityClient {
  constructor(private readonly services: ServiceClient = new ServiceClient()) {}

  login(shopper: Shopper, email: string, password: string): Promise<Answer<Tokens>> {
    return this.services.call<Tokens>("identity", "/api/auth/login", { method: "POST", body: { email, password }, shopper });
  }

  refresh(shopper: Shopper, refreshToken: string): Promise<Answer<Tokens>> {
    return this.services.call<Tokens>("identity", "/api/auth/refresh", { method: "POST", body: { refreshToken }, shopper });
  }

  logout(shopper: Shopper, refreshToken: string): Promise<Answer<unknown>> {
    return this.services.call("identity", "/api/auth/logout", { method: "POST", body: { refreshToken }, shopper });
  }

  register(shopper: Shopper, registration: { email: string; password: string; name?: string }): Promise<Answer<Profile>> {
    return this.services.call<Profile>("identity", "/api/users", { method: "POST", body: registration, shopper });
  }

  me(shopper: Shopper): Promise<Answer<Profile>> {
    return this.services.call<Profile>("identity", "/api/users/me", { shopper });
  }

  updateMe(shopper: Shopper, profile: Pick<Profile, "name" | "phone" | "communication" | "sizes">): Promise<Answer<Profile>> {
    return this.services.call<Profile>("identity", "/api/users/me", { method: "PUT", body: profile, shopper });
  }
}

/** Identity's field-level validation problem as one message per form field (the keys are the request's field names). */
export function fieldErrors(problem: Problem | null): Record<string, string> {
  return Object.fromEntries(Object.entries(problem?.errors ?? {}).map(([field, messages]) => [field, messages.join(" ")]));
}
