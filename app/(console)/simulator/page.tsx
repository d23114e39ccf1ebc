import { requireCaller } from "@/lib/auth/session";
import { PageHeader } from "@/components/console/PageHeader";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { SimulationResultsTable } from "@/components/simulator/SimulationResultsTable";
import { SimulatorForm } from "@/components/simulator/SimulatorForm";
import { readSimulatorInputs, simulatorHref } from "@/components/simulator/simulatorQuery";
import { EmptyState } from "@/components/table/EmptyState";
import type { SearchParams } from "@/components/table/queryHref";
import { loadSimulator, storedPolicyLabel } from "./loadSimulator";
import { searchPrincipals } from "./principalSearch";

export const dynamic = "force-dynamic";

export default async function PolicySimulatorPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const inputs = readSimulatorInputs(await searchParams);
  const caller = await requireCaller();
  const view = await loadSimulator(caller, inputs);
  const policies = view.policies?.ok ? view.policies.value : undefined;
  const labels = new Map((policies ?? []).map((policy) => [policy.Key, storedPolicyLabel(policy)]));
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Policy simulator"
        description="What the policy engine would decide, with the same evaluation as the API's SimulatePrincipalPolicy and SimulateCustomPolicy: for a principal of this account or for pasted policies, with a resource policy, SCPs and context values."
      />
      <div className="grid grid-cols-1 gap-6 2xl:grid-cols-[minmax(0,32rem)_minmax(0,1fr)]">
        <SimulatorForm key={simulatorHref(inputs)} initial={inputs} policies={policies} policyLabels={labels} contextKeys={view.contextKeys} actionKeys={view.actionKeys} catalogKeys={view.catalogKeys} runPermissions={view.runPermissions} search={searchPrincipals} />
        <div className="flex min-w-0 flex-col gap-4" aria-live="polite">
          {view.policies?.ok === false && <ErrorPanel error={view.policies.error} />}
          {view.staleOff.length > 0 && (
            <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="simulator-stale-off">
              The link switches off {view.staleOff.join(", ")}, which {view.staleOff.length === 1 ? "is" : "are"} no longer a policy of this principal: the simulation uses every policy it has now.
            </p>
          )}
          {!view.results ? (
            <EmptyState
              title="Nothing simulated yet"
              description={inputs.mode === "principal" ? "Pick a user, group or role, add an action, and run the simulation." : "Paste an identity-based policy, add an action, and run the simulation."}
              testId="simulator-empty"
            />
          ) : !view.results.ok ? (
            <ErrorPanel error={view.results.error} />
          ) : (
            <SimulationResultsTable rows={view.results.value} texts={view.texts} />
          )}
        </div>
      </div>
    </div>
  );
}
