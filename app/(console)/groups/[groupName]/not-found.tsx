"use client";

import { NotFoundPanel, RequestedName } from "@/components/feedback/NotFoundPanel";
import { useRequestedName } from "@/components/feedback/useRequestedName";

// The group's page and its delete page call notFound() when GetGroup answers NoSuchEntity.
export default function GroupNotFound() {
  const groupName = useRequestedName("groupName");
  return (
    <NotFoundPanel
      title="User group not found"
      message={
        <>
          No user group named <RequestedName>{groupName}</RequestedName> exists in this account.
        </>
      }
      hint="It may have been deleted or renamed, or the address may be mistyped."
      links={[
        { href: "/groups", label: "Back to User groups" },
        { href: "/dashboard", label: "Go to the dashboard" },
      ]}
    />
  );
}
