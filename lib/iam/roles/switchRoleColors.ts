// The colours the console header can show a switched role in, as AWS's switch-role page offers them.
// Client-safe: the switch-role form lists them.

export const SWITCH_ROLE_COLOR_NAMES = ["red", "orange", "yellow", "green", "blue", "purple"] as const;
export type SwitchRoleColor = (typeof SWITCH_ROLE_COLOR_NAMES)[number];

export function isSwitchRoleColor(value: string): value is SwitchRoleColor {
  return (SWITCH_ROLE_COLOR_NAMES as readonly string[]).includes(value);
}
