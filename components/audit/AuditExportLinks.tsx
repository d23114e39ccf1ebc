import { buttonStyles } from "@/components/forms/buttonStyles";
import { hrefWith, RESET_PAGE, type SearchParams } from "@/components/table/queryHref";

/** Download links for the events the current filters select, every page of them (the export route caps the count). */
export function AuditExportLinks({ current }: { current: SearchParams }) {
  const href = (format: "csv" | "json") => hrefWith("/api/audit/events", current, { ...RESET_PAGE, format });
  return (
    <>
      <a href={href("csv")} download className={buttonStyles.secondary} data-testid="audit-export-csv">
        Download CSV
      </a>
      <a href={href("json")} download className={buttonStyles.secondary} data-testid="audit-export-json">
        Download JSON
      </a>
    </>
  );
}
