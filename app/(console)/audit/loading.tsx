import { ListPageSkeleton } from "@/components/table/Skeleton";

export default function LoadingAuditLog() {
  return <ListPageSkeleton label="Loading audit events…" rows={12} columns={7} />;
}
