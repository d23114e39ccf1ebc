// What the console knows, before anyone clicks, about whether the signed-in principal may use a
// control: decided by the engine (GetCallerPermissions, asked once per page by pagePermissions() in
// app/(console)/_server/pagePermissions.ts) and shown by the control itself. Client-safe: pages pass
// these to client components as plain values.

export type ControlPermission =
  /** The engine allows it. */
  | { readonly state: "allowed" }
  /**
   * Not allowed for every choice, but allowed for some: what the person will type or pick decides
   * (a grant on user/interns/*). The control stays enabled; `note` says where it is allowed, and the
   * step that knows the resource asks again.
   */
  | { readonly state: "depends"; readonly note: string }
  /** Not allowed: the control is shown disabled, with `reason`. */
  | { readonly state: "denied"; readonly reason: string; readonly needsMfa?: true };

export const ALLOWED: ControlPermission = { state: "allowed" };

/** Whether a control must be shown disabled. */
export function isDenied(permission: ControlPermission | undefined): permission is Extract<ControlPermission, { state: "denied" }> {
  return permission?.state === "denied";
}
