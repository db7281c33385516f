import type { Metadata } from "next";
import Link from "next/link";
import { signIn } from "@/app/account/actions.ts";
import { AccountForm } from "@/components/AccountForm.tsx";
import { safeNext } from "@/lib/redirects.ts";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

type Props = { searchParams: Promise<{ next?: string }> };

/** `next`: where to go once signed in (a path on the shop only; anything else is ignored). */
export default async function SignInPage({ searchParams }: Props) {
  const next = safeNext((await searchParams).next);
  return (
    <div className="panel">
      <h1>Sign in</h1>
      <AccountForm
        action={signIn}
        label="Sign in"
        submitLabel="Sign in"
        fields={[
          { name: "email", label: "Email", type: "email", autoComplete: "email", required: true },
          { name: "password", label: "Password", type: "password", autoComplete: "current-password", required: true },
        ]}
        hidden={next ? { next } : undefined}
        after={<p><Link href="/account">Go to your account</Link></p>}
      />
      <p>New here? <Link href={next ? `/register?next=${encodeURIComponent(next)}` : "/register"}>Create an account</Link></p>
    </div>
  );
}
