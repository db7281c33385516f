import type { Metadata } from "next";
import Link from "next/link";
import { register } from "@/app/account/actions.ts";
import { AccountForm } from "@/components/AccountForm.tsx";

export const metadata: Metadata = { title: "Create an account", robots: { index: false } };

export default function RegisterPage() {
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
        after={<p><Link href="/account">Go to your account</Link></p>}
      />
      <p>Have an account? <Link href="/sign-in">Sign in</Link></p>
    </div>
  );
}
