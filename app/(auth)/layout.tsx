// The pages people see before they are in the console (sign in, sign up) and the forced password
// change: a centred card under the product name, without the console's navigation.

import { Brand } from "@/components/shell/Brand";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center bg-slate-100 px-4 py-10">
      <header className="mb-6">
        <Brand />
      </header>
      <main id="main" className="w-full max-w-md">
        {children}
      </main>
    </div>
  );
}
