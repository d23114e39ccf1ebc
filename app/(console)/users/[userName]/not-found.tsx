"use client";

import { NotFoundPanel, RequestedName } from "@/components/feedback/NotFoundPanel";
import { useRequestedName } from "@/components/feedback/useRequestedName";

// The user's page and its delete page call notFound() when GetUser answers NoSuchEntity.
export default function UserNotFound() {
  const userName = useRequestedName("userName");
  return (
    <NotFoundPanel
      title="User not found"
      message={
        <>
          No IAM user named <RequestedName>{userName}</RequestedName> exists in this account.
        </>
      }
      hint="It may have been deleted or renamed, or the address may be mistyped."
      links={[
        { href: "/users", label: "Back to Users" },
        { href: "/dashboard", label: "Go to the dashboard" },
      ]}
    />
  );
}
