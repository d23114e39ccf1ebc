/** "AWS managed" or "Customer managed", as the AWS console labels a managed policy's type. */
export function PolicyTypeBadge({ awsManaged }: { awsManaged: boolean }) {
  return awsManaged ? (
    <span className="inline-flex items-center rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-amber-900">
      AWS managed
    </span>
  ) : (
    <span className="inline-flex items-center rounded-full bg-sky-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-sky-900">
      Customer managed
    </span>
  );
}
