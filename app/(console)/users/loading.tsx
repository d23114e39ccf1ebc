import { ListPageSkeleton } from "@/components/table/Skeleton";

export default function LoadingUsers() {
  return <ListPageSkeleton label="Loading users…" columns={5} />;
}
