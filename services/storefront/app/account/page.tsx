import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AccountForm } from "@/components/AccountForm.tsx";
import { countryName } from "@/lib/countries.ts";
import { signInFor } from "@/lib/redirects.ts";
import { ServiceUnavailableError } from "@/lib/services.ts";
import { currentShopper } from "@/lib/session.ts";
import { identity } from "@/lib/shop.ts";
import { signOut, updateProfile } from "./actions.ts";

export const metadata: Metadata = { title: "Your account", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const shopper = await currentShopper();
  if (!shopper.accessToken) redirect(signInFor("/account"));
  let answer;
  try {
    answer = await identity.me(shopper);
  } catch (error) {
    if (!(error instanceof ServiceUnavailableError)) throw error;
    return (
      <div className="notice" role="alert">
        <h1>Your account</h1>
        <p>Your account cannot be shown right now: the accounts service is not answering. Please try again in a moment.</p>
      </div>
    );
  }
  // A token identity no longer honours (the account was deleted, or the sign-in ended elsewhere): sign in again.
  if (answer.status === 401 || answer.status === 404 || !answer.body) redirect(signInFor("/account"));
  const profile = answer.body;

  return (
    <>
      <h1>Your account</h1>
      <p>Signed in as <strong data-testid="account-email">{profile.email}</strong>.</p>
      <form action={signOut}>
        <button type="submit" className="secondary">Sign out</button>
      </form>

      <div className="account-grid">
        <section aria-labelledby="profile-heading">
          <h2 id="profile-heading">Profile</h2>
          <ProfileForm profile={profile} />
        </section>

        <section aria-labelledby="addresses-heading">
          <h2 id="addresses-heading">Addresses</h2>
          {profile.addresses.length ? (
            <ul className="addresses">
              {profile.addresses.map(a => (
                <li key={a.id}>
                  <address>
                    {a.recipient}<br />{a.line1}{a.line2 ? <><br />{a.line2}</> : null}<br />
                    {a.postalCode} {a.city}{a.region ? `, ${a.region}` : ""}<br />{countryName(a.country)}
                  </address>
                  {a.isDefaultShipping ? <span className="muted">Default for delivery. </span> : null}
                  {a.isDefaultBilling ? <span className="muted">Default for billing.</span> : null}
                </li>
              ))}
            </ul>
          ) : <p>No saved addresses yet.</p>}
        </section>

        <section aria-labelledby="orders-heading">
          <h2 id="orders-heading">Orders</h2>
          <p><Link href="/account/orders">Your orders</Link>: their status, cancelling before they ship, and returns.</p>
        </section>
      </div>
    </>
  );
}

function ProfileForm({ profile }: { profile: NonNullable<Awaited<ReturnType<typeof identity.me>>["body"]> }) {
  return (
    <AccountForm
      action={updateProfile}
      label="Profile"
      submitLabel="Save profile"
      fields={[
        { name: "name", label: "Name", autoComplete: "name", defaultValue: profile.name ?? "" },
        { name: "phone", label: "Phone (international format, e.g. +4930123456)", type: "tel", autoComplete: "tel", defaultValue: profile.phone ?? "" },
        { name: "sizes.shoe", label: "Shoe size", defaultValue: profile.sizes.shoe ?? "" },
        { name: "sizes.apparel", label: "Clothing size", defaultValue: profile.sizes.apparel ?? "" },
      ]}
      checkboxes={{
        legend: "Send me news and offers by",
        items: [
          { name: "communication.email", label: "Email", checked: profile.communication.email },
          { name: "communication.sms", label: "SMS", checked: profile.communication.sms },
          { name: "communication.push", label: "Push notifications", checked: profile.communication.push },
        ],
      }}
    />
  );
}
