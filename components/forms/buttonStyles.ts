// One set of button looks for the whole console, so a primary action reads the same on every page.
// Every variant keeps a visible keyboard focus ring (focus-visible), as the console must be keyboard operable.

const base =
  "inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 " +
  "disabled:cursor-not-allowed disabled:opacity-60";

export const buttonStyles = {
  primary: `${base} bg-blue-700 text-white shadow-sm hover:bg-blue-800`,
  secondary: `${base} border border-slate-300 bg-white text-slate-800 shadow-sm hover:bg-slate-50`,
  danger: `${base} bg-red-700 text-white shadow-sm hover:bg-red-800`,
  dangerOutline: `${base} border border-red-300 bg-white text-red-800 hover:bg-red-50`,
  link: "rounded-sm text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600",
} as const;

export type ButtonVariant = keyof typeof buttonStyles;
