"use client";

import { NotFoundPanel, RequestedName } from "@/components/feedback/NotFoundPanel";
import { useRequestedName } from "@/components/feedback/useRequestedName";

// The policy page calls notFound() when neither the ARN nor the name (ListPolicies) finds a managed policy.
export default function PolicyNotFound() {
  const reference = useRequestedName("policy");
  const name = <RequestedName>{reference}</RequestedName>;
  return (
    <NotFoundPanel
      title="Policy not found"
      message={
        reference.startsWith("arn:") ? (
          <>No managed policy has the ARN {name}.</>
        ) : (
          <>No managed policy named {name} exists in this account or among the AWS managed policies.</>
        )
      }
      hint="It may have been deleted, or the address may be mistyped."
      links={[
        { href: "/policies", label: "Back to Policies" },
        { href: "/dashboard", label: "Go to the dashboard" },
      ]}
    />
  );
}
