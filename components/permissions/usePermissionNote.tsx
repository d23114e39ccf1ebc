import { useId } from "react";
import { isDenied, type ControlPermission } from "./controlPermission";
import { PermissionNote } from "./PermissionNote";

/**
 * What a button needs to show the engine's answer: whether to disable it, the aria-describedby that
 * reads the reason with it, and the note itself, to place beside it.
 */
export function usePermissionNote(permission: ControlPermission | undefined) {
  const id = useId();
  const shown = permission !== undefined && permission.state !== "allowed";
  return {
    denied: isDenied(permission),
    describedBy: shown ? id : undefined,
    note: (className?: string) => <PermissionNote id={id} permission={permission} className={className} />,
  };
}
