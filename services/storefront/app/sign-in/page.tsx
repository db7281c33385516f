import type { Metadata } from "next";
import Link from "next/link";
import { signIn } from "@/app/account/actions.ts";
import { AccountForm } from "@/components/AccountForm.tsx";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

export default function SignInPage() {
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
        after={<p><Link href="/account">Go to your account</Link></p>}
      />
      <p>New here? <Link href="/register">Create an account</Link></p>
    </div>
  );
}
