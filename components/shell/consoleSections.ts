// The console's sections, in the side navigation's order; the command palette offers them too.

export const CONSOLE_SECTIONS = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/groups", label: "User groups" },
  { href: "/users", label: "Users" },
  { href: "/roles", label: "Roles" },
  { href: "/policies", label: "Policies" },
  { href: "/password-policy", label: "Password policy" },
  { href: "/audit", label: "Audit log" },
  { href: "/me", label: "My security credentials" },
] as const;
