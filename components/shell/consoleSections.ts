// The console's sections, in the side navigation's order; the command palette offers them too.

export const CONSOLE_SECTIONS = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/groups", label: "User groups" },
  { href: "/users", label: "Users" },
  { href: "/roles", label: "Roles" },
  { href: "/policies", label: "Policies" },
  { href: "/password-policy", label: "Password policy" },
  { href: "/simulator", label: "Policy simulator" },
  { href: "/who-can", label: "Who can" },
  { href: "/credential-report", label: "Credential report" },
  { href: "/findings", label: "Unused access" },
  { href: "/audit", label: "Audit log" },
  { href: "/me", label: "My security credentials" },
] as const;
