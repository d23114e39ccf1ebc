import type { Tag } from "@/lib/iam/core/tags";
import type { FormAction } from "@/components/forms/actionState";
import { Panel } from "@/components/console/Panel";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { ManageTagsForm } from "./ManageTagsForm";

/** A user's tags: key/value pairs that policies can test as aws:ResourceTag/<key>. */
export function UserTagsTab({ tags, save, permission }: { tags: readonly Tag[]; save: FormAction; permission?: ControlPermission }) {
  return (
    <Panel title={`Tags (${tags.length})`} description="Up to 50 tags. Keys are not case-sensitive." testId="user-tags">
      <ManageTagsForm key={tags.map((tag) => `${tag.Key}=${tag.Value}`).join("&")} tags={tags} save={save} permission={permission} />
    </Panel>
  );
}
