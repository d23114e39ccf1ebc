// How a switched role's colour looks in the console header and on the switch-role page. The names
// are SwitchRole's colours; the classes are spelled out in full so Tailwind keeps them.

import { isSwitchRoleColor, type SwitchRoleColor } from "@/lib/iam/roles/switchRoleColors";

export const ROLE_COLOR_CLASSES: Record<SwitchRoleColor, string> = {
  red: "bg-red-300 text-red-950",
  orange: "bg-orange-300 text-orange-950",
  yellow: "bg-yellow-200 text-yellow-950",
  green: "bg-green-300 text-green-950",
  blue: "bg-sky-300 text-sky-950",
  purple: "bg-purple-300 text-purple-950",
};

export const ROLE_COLOR_LABELS: Record<SwitchRoleColor, string> = {
  red: "Red",
  orange: "Orange",
  yellow: "Yellow",
  green: "Green",
  blue: "Blue",
  purple: "Purple",
};

/** The classes for a colour name from a session's claims; an unknown name (an older token) shows as blue. */
export function roleColorClasses(color: string): string {
  return ROLE_COLOR_CLASSES[isSwitchRoleColor(color) ? color : "blue"];
}
