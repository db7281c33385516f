import type { Metadata } from "next";
import Link from "next/link";
import { register } from "@/app/account/actions.ts";
import { AccountForm } from "@/components/AccountForm.tsx";
import { safeNext } from "@/lib/redirects.ts";

export const metadata: Metadata = { title: "Create an account", robots: { index: false } };

type Props = { searchParams: Promise<{ next?: string }> };

/** `next`: where to go once registered (a path on the shop only; anything else is ignored). */
export default async function RegisterPage({ searchParams }: Props) {
  const next = safeNext((await searchParams).next);
  return (
    <div className="panel">
      <h1>Create an account</h1>
      <AccountForm
        action={register}
        label="Create an account"
        submitLabel="Create account"
        fields={[
          { name: "name", label: "Name", autoComplete: "name" },
          { name: "email", label: "Email", type: "email", autoComplete: "email", required: true },
          { name: "password", label: "Password", type: "password", autoComplete: "new-password", required: true, hint: "At least 12 characters; a passphrase of a few words is easiest. Common passwords are refused." },
        ]}
        hidden={next ? { next } : undefined}
        after={<p><Link href="/account">Go to your account</Link></p>}
      />
      <p>Have an account? <Link href={next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"}>Sign in</Link></p>
    </div>
  );
}
