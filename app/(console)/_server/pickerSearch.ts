"use server";

// The searches behind the console's pickers (attach policies, add users, attach to users and
// groups): one List operation call per page of matches, so a picker reaches all 1,500 policies or
// 5,000 users without ever loading them at once.

import { requireCaller } from "@/lib/auth/session";
import { ListGroups } from "@/lib/iam/groups/groups";
import { ListPolicies } from "@/lib/iam/policies/managed";
import { ListUsers } from "@/lib/iam/users/users";
import type { PickerItem, PickerPage, PickerQuery } from "@/components/forms/pickerSearch";
import { readOperation, type ReadResult } from "./readOperation";

/** One page of a picker: enough to choose from, small enough to render at once. */
const PICKER_PAGE = 25;

const listInput = (q: PickerQuery) => ({ Filter: String(q?.filter ?? "").slice(0, 128) || undefined, Marker: q?.marker ? String(q.marker) : undefined, MaxItems: PICKER_PAGE });

function toPickerPage<T extends { IsTruncated: boolean; Marker?: string; TotalCount: number }>(read: ReadResult<T>, items: (value: T) => PickerItem[]): PickerPage {
  if (!read.ok) return { error: read.error };
  return { items: items(read.value), nextMarker: read.value.IsTruncated ? read.value.Marker : undefined, total: read.value.TotalCount };
}

const pathNote = (path: string) => (path === "/" ? undefined : path);

export async function searchPolicies(q: PickerQuery): Promise<PickerPage> {
  const read = await readOperation(ListPolicies, { Scope: "All", ...listInput(q) }, await requireCaller());
  return toPickerPage(read, ({ Policies }) =>
    Policies.map((policy) => ({ value: policy.Arn, label: policy.PolicyName, description: policy.Description, badge: policy.IsAwsManaged ? "AWS managed" : "Customer managed" })),
  );
}

export async function searchUsers(q: PickerQuery): Promise<PickerPage> {
  const read = await readOperation(ListUsers, listInput(q), await requireCaller());
  return toPickerPage(read, ({ Users }) => Users.map((user) => ({ value: user.UserName, label: user.UserName, description: pathNote(user.Path) })));
}

export async function searchGroups(q: PickerQuery): Promise<PickerPage> {
  const read = await readOperation(ListGroups, listInput(q), await requireCaller());
  return toPickerPage(read, ({ Groups }) => Groups.map((group) => ({ value: group.GroupName, label: group.GroupName, description: pathNote(group.Path) })));
}
