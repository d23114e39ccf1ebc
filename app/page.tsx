import { db } from "@/lib/db/client";
export const dynamic = "force-dynamic";
export default async function Home() {
  const n = await db.account.count();
  return <main className="p-8 text-xl font-semibold">Accounts: {n}</main>;
}
