import { redirect } from "next/navigation";
import { getCaller } from "@/lib/auth/session";

// The front door: the console for someone signed in, the sign-in page for everyone else.
export default async function Home() {
  redirect((await getCaller()) ? "/dashboard" : "/signin");
}
