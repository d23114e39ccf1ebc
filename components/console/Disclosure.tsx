import { useId } from "react";
import { isDenied, type ControlPermission } from "@/components/permissions/controlPermission";
import { PermissionNote } from "@/components/permissions/PermissionNote";

/**
 * A native <details> styled as a button that opens a form in place ("Add permissions", "Add user to
 * groups"): keyboard operable and works before any JavaScript has loaded. When the engine denies the
 * form's action, it does not open: its summary is shown disabled, with the reason, and no form.
 */
export function Disclosure({
  summary,
  children,
  testId,
  permission,
}: {
  summary: string;
  children: React.ReactNode;
  testId?: string;
  permission?: ControlPermission;
}) {
  const noteId = useId();
  if (isDenied(permission)) {
    return (
      <div className="flex flex-col items-start gap-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2" data-testid={testId}>
        <button type="button" aria-disabled="true" aria-describedby={noteId} className="cursor-not-allowed text-sm font-medium text-slate-500">
          {summary}
        </button>
        <PermissionNote id={noteId} permission={permission} />
      </div>
    );
  }
  return (
    <details className="group rounded-md border border-slate-200 bg-slate-50 open:bg-white" data-testid={testId}>
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-blue-800 select-none hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
        <span aria-hidden="true" className="transition-transform group-open:rotate-90">
          ▸
        </span>
        {summary}
      </summary>
      <div className="border-t border-slate-200 p-3">
        {permission?.state === "depends" && <PermissionNote id={noteId} permission={permission} className="mb-2" />}
        {children}
      </div>
    </details>
  );
}
