"use client";

import { EntityNotFound } from "@/components/feedback/EntityNotFound";

// The group's page and its delete page call notFound() when GetGroup answers NoSuchEntity.
export default function GroupNotFound() {
  return <EntityNotFound param="groupName" title="User group not found" noun="user group" list={{ href: "/groups", label: "User groups" }} />;
}
