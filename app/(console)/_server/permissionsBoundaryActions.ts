"use server";

// Setting, changing and removing a user's or role's permissions boundary from its Permissions tab:
// each parses the form, makes one Put… or Delete…PermissionsBoundary call as the signed-in caller,
// says what changed and revalidates the principal's page. Errors come back as values for useActionState.

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireCaller } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import {
  DeleteRolePermissionsBoundary,
  DeleteUserPermissionsBoundary,
  PutRolePermissionsBoundary,
  PutUserPermissionsBoundary,
} from "@/lib/iam/policies/permissionsBoundaries";
import type { ActionState } from "@/components/forms/actionState";
import { boundArgument, boundValue, formArgument, type InvalidArgument } from "./actionArguments";
import { nameInArn } from "./notices";
import type { BoundaryPrincipal } from "./permissionsBoundaryChecks";
import { fields, runMutation } from "./runMutation";

// The page to revalidate is bound into the page as well, so it is held to a principal page's path
// (a URL-encoded IAM name, perhaps with its tab) rather than passed to revalidatePath as the client sent it.
const ReturnTo = z.string().regex(/^\/(users|roles)\/[\w%.-]{1,400}(\?tab=[a-z]{1,20})?$/, "must be a user's or role's console page");

/** revalidatePath takes the page's path; the tab is only where the person is on it. */
const pathOf = (returnTo: string) => returnTo.split("?")[0]!;

function invalidPrincipal(principal: BoundaryPrincipal, returnTo: string): InvalidArgument | undefined {
  const kind = boundValue("principal.kind", z.enum(["user", "role"]), principal?.kind);
  if (kind) return kind;
  const name = principal.kind === "user" ? boundArgument(PutUserPermissionsBoundary, "UserName", principal.name) : boundArgument(PutRolePermissionsBoundary, "RoleName", principal.name);
  return name ?? boundValue("returnTo", ReturnTo, returnTo);
}

export async function setPermissionsBoundary(principal: BoundaryPrincipal, returnTo: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = invalidPrincipal(principal, returnTo) ?? formArgument(form);
  if (invalid) return invalid;
  // The picker submits one value per choice and allows one; anything else is a form this page did not make.
  const chosen = fields(form, "policyArn");
  if (chosen.length !== 1) return { error: { code: "ValidationError", message: "Choose one managed policy to use as the permissions boundary." } };
  const PermissionsBoundary = chosen[0]!;
  const caller = await requireCaller();
  const result = await runMutation(
    () =>
      principal.kind === "user"
        ? execute(PutUserPermissionsBoundary, { UserName: principal.name, PermissionsBoundary }, caller)
        : execute(PutRolePermissionsBoundary, { RoleName: principal.name, PermissionsBoundary }, caller),
    { kind: "permissions-boundary-set", entity: principal.kind, subject: principal.name, object: nameInArn(PermissionsBoundary) },
  );
  revalidatePath(pathOf(returnTo));
  return result;
}

export async function removePermissionsBoundary(principal: BoundaryPrincipal, returnTo: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = invalidPrincipal(principal, returnTo) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const result = await runMutation(
    () =>
      principal.kind === "user"
        ? execute(DeleteUserPermissionsBoundary, { UserName: principal.name }, caller)
        : execute(DeleteRolePermissionsBoundary, { RoleName: principal.name }, caller),
    { kind: "permissions-boundary-removed", entity: principal.kind, subject: principal.name },
  );
  revalidatePath(pathOf(returnTo));
  return result;
}
