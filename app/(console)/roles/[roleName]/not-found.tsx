"use client";

import { EntityNotFound } from "@/components/feedback/EntityNotFound";

// The role's page and its delete and trust-policy pages call notFound() when GetRole answers NoSuchEntity.
export default function RoleNotFound() {
  return <EntityNotFound param="roleName" title="Role not found" noun="IAM role" list={{ href: "/roles", label: "Roles" }} />;
}
