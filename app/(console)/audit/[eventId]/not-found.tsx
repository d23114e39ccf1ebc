"use client";

import { NotFoundPanel, RequestedName } from "@/components/feedback/NotFoundPanel";
import { useRequestedName } from "@/components/feedback/useRequestedName";

// The event page calls notFound() when LookupEvents finds no event with that ID in this account.
export default function AuditEventNotFound() {
  const eventId = useRequestedName("eventId");
  return (
    <NotFoundPanel
      title="Event not found"
      message={
        <>
          No audit event with ID <RequestedName>{eventId}</RequestedName> exists in this account.
        </>
      }
      hint="The address may be mistyped, or the event belongs to another account."
      links={[
        { href: "/audit", label: "Back to Audit log" },
        { href: "/dashboard", label: "Go to the dashboard" },
      ]}
    />
  );
}
