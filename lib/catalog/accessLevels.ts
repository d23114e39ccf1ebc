// Access levels as the editor groups actions. AWS's reference writes combined levels
// ("Permissions management, Write", "Tagging, Write"); the first, more specific level is the one
// the AWS console files an action under.

import { ACCESS_LEVELS, type AccessLevel, type CatalogAction } from "./catalogTypes";

const KNOWN = new Set<string>(ACCESS_LEVELS);

/** The access level an action is listed under, from the reference's raw text. */
export function accessLevelOf(raw: string): AccessLevel {
  for (const part of raw.split(",")) {
    const level = part.trim();
    if (KNOWN.has(level)) return level as AccessLevel;
  }
  return "Write";
}

export interface AccessLevelGroup {
  readonly level: AccessLevel;
  readonly actions: readonly CatalogAction[];
}

/** Actions grouped by access level in console order, sorted by name; empty levels are left out. */
export function groupActionsByAccessLevel(actions: readonly CatalogAction[]): AccessLevelGroup[] {
  return ACCESS_LEVELS.map((level) => ({
    level,
    actions: actions.filter((action) => action.accessLevel === level).sort((a, b) => a.name.localeCompare(b.name)),
  })).filter((group) => group.actions.length > 0);
}
