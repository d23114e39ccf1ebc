"use client";

import { EntityNotFound } from "@/components/feedback/EntityNotFound";

// The user's page and its delete page call notFound() when GetUser answers NoSuchEntity.
export default function UserNotFound() {
  return <EntityNotFound param="userName" title="User not found" noun="IAM user" list={{ href: "/users", label: "Users" }} />;
}
