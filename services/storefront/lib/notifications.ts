import { type Answer, ServiceClient, type Shopper } from "./services.ts";

export type HubTicket = { ticket: string; expiresIn: number };

/** Notifications (`/api/tickets`): one-time credentials for the browser's hub connection. */
export class NotificationsClient {
  constructor(private readonly services: ServiceClient = new ServiceClient()) {}

  /** A ticket that opens one hub connection as the shopper, within 30 s; the token stays on the server. */
  ticket(shopper: Shopper): Promise<Answer<HubTicket>> {
    return this.services.call<HubTicket>("notifications", "/api/tickets", { method: "POST", shopper });
  }
}
