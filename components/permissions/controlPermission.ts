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

/**
 * One control that sends several operations ("Assign MFA device" creates, then enables, a device):
 * the first denial decides, else the first "depends", else it is allowed.
 */
export function allOf(...permissions: readonly (ControlPermission | undefined)[]): ControlPermission {
  return permissions.find(isDenied) ?? permissions.find((p) => p?.state === "depends") ?? ALLOWED;
}

/**
 * One control that sends whichever operation the person's choice calls for ("Attach" to users or to
 * groups): denied only when every one is; otherwise a "depends" note if any has one.
 */
export function anyOf(...permissions: readonly (ControlPermission | undefined)[]): ControlPermission {
  if (permissions.length > 0 && permissions.every(isDenied)) return permissions[0]!;
  return permissions.find((p) => p?.state === "depends") ?? ALLOWED;
}
