"use client";

import { startTransition, useActionState, useState } from "react";
import { PolicyEditor } from "@/components/policyEditor/PolicyEditor";
import { Checkbox } from "@/components/forms/Checkbox";
import { PolicySaveBar } from "./PolicySaveBar";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { buttonStyles } from "@/components/forms/buttonStyles";
import type { ActionState } from "@/components/forms/actionState";
import { Panel } from "@/components/console/Panel";
import type { PolicyVersionDraft } from "./policyDraft";
import type { PolicyVersionSummary } from "./PolicyVersionsTable";
import { VersionLimitDialog } from "./VersionLimitDialog";

type SaveVersionAction = (previous: ActionState, draft: PolicyVersionDraft) => Promise<ActionState>;

const MAX_VERSIONS = 5;

/**
 * Edit a customer managed policy: the default version's document in the editor, saved as a new
 * version. The version the editor started from travels with the save, so a save on a stale default
 * is refused (ConcurrentModification) and the text stays here to copy or retry.
 */
export function PolicyVersionEditor({
  policyName,
  policyHref,
  baseVersionId,
  initialDocument,
  versions,
  save,
}: {
  policyName: string;
  policyHref: string;
  baseVersionId: string;
  initialDocument: string;
  versions: readonly PolicyVersionSummary[];
  save: SaveVersionAction;
}) {
  const [document, setDocument] = useState(initialDocument);
  const [documentHasErrors, setDocumentHasErrors] = useState(false);
  const [setAsDefault, setSetAsDefault] = useState(true);
  const [choosingVersionToDelete, setChoosingVersionToDelete] = useState(false);
  const [state, dispatch, pending] = useActionState(save, {});
  const nonDefault = versions.filter((v) => !v.IsDefaultVersion);
  const full = versions.length >= MAX_VERSIONS;

  const send = (deleteVersionId?: string) => {
    setChoosingVersionToDelete(false);
    startTransition(() => dispatch({ document, setAsDefault, expectedDefaultVersionId: baseVersionId, deleteVersionId }));
  };
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (documentHasErrors) return;
    if (full) setChoosingVersionToDelete(true);
    else send();
  };
  const stale = state.error?.code === "ConcurrentModification";

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-label={`Edit ${policyName}`} data-testid="edit-policy-form">
      <Panel title="Policy editor" description={`Editing from version ${baseVersionId} (the default when you opened the editor). Saving creates a new version.`}>
        <PolicyEditor value={document} onChange={setDocument} kind="identity" container="managed" onHasErrorsChange={setDocumentHasErrors} />
      </Panel>
      <Checkbox
        checked={setAsDefault}
        onChange={(event) => setSetAsDefault(event.target.checked)}
        label="Set this new version as the default"
        description="The default version is the one that applies to every user and group the policy is attached to."
        testId="set-as-default"
      />
      {full && (
        <p className="text-sm text-amber-800" data-testid="version-limit-note">
          This policy has {MAX_VERSIONS} versions, the most it can keep. Saving asks which non-default version to delete.
        </p>
      )}
      <PolicySaveBar
        id="save-version"
        documentHasErrors={documentHasErrors}
        pending={pending}
        cancelHref={policyHref}
        label="Save as new version"
        pendingLabel="Saving…"
        testId="save-policy-version"
      />
      <ErrorRegion error={state.error} testId="save-policy-version-error" />
      {stale && (
        <section aria-label="The policy changed while you were editing" className="rounded-md border border-slate-300 bg-slate-50 p-4 text-sm text-slate-800" data-testid="stale-version-help">
          <p>
            Someone saved or chose another default version after you opened this editor, so your version was not saved. Your text is still in the editor: copy it, then{" "}
            {/* A full page load on purpose: the editor must start again from the current default version. */}
            <a href={`${policyHref}?edit=1`} className={buttonStyles.link}>
              reload the editor
            </a>{" "}
            and apply your changes to the current version.
          </p>
        </section>
      )}
      <VersionLimitDialog open={choosingVersionToDelete} candidates={nonDefault} onCancel={() => setChoosingVersionToDelete(false)} onConfirm={(id) => send(id)} />
    </form>
  );
}
