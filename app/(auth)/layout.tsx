// The pages people see before they are in the console (sign in, sign up) and the forced password
// change: a centred card under the product name, without the console's navigation.

import { StandalonePage } from "@/components/feedback/StandalonePage";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return <StandalonePage width="card">{children}</StandalonePage>;
}
