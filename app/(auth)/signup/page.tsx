import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/AuthCard";
import { SignUpForm } from "@/components/auth/SignUpForm";
import { createAccountAction } from "./actions";

export const metadata: Metadata = { title: "Create an account · Portcullis" };

export default function SignUpPage() {
  return (
    <AuthCard
      title="Create a Portcullis account"
      description="You become the account's root user, with complete access. Use it to create an administrative IAM user, then sign in as that user for everyday work."
    >
      <SignUpForm createAccount={createAccountAction} />
    </AuthCard>
  );
}
