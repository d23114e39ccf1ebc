// GenerateServiceLastAccessedDetails, GetServiceLastAccessedDetails and
// GetServiceLastAccessedDetailsWithEntities: AWS's job model for last accessed data. AWS generates
// the report asynchronously; here the Generate call computes it in its own transaction (all or
// nothing) and stores the job COMPLETED, so a Get answers at once with AWS's shape. A job belongs
// to the account: whoever may call Get in the account may read it by its JobId.

import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/client";
import { allServiceActions } from "@/lib/catalog/serviceActions";
import { accountOf } from "../core/account";
import { IamError } from "../core/errors";
import { operation } from "../core/operation";
import { PageInput, pageFields, pageWindow, toPage, type Page } from "../core/pagination";
import { lastAccessedFor, type EntityInfo, type EntityLastAccessed, type Granularity, type LastAccessedReport, type ServiceLastAccessed } from "./lastAccessed";

const GranularityInput = z.enum(["SERVICE_LEVEL", "ACTION_LEVEL"], { error: "must be SERVICE_LEVEL or ACTION_LEVEL" });

const JobId = z.string().length(36, "must be the 36-character JobId that GenerateServiceLastAccessedDetails returned");

/** How long a report stays readable by its JobId. */
export const JOB_RETENTION_DAYS = 7;

export const GenerateServiceLastAccessedDetailsInput = z.object({
  Arn: z.string().min(20, "must be the ARN of a user, group, role or managed policy").max(2048, "must be at most 2048 characters"),
  Granularity: GranularityInput.optional(),
});

export const GenerateServiceLastAccessedDetails = operation({
  name: "GenerateServiceLastAccessedDetails",
  action: "iam:GenerateServiceLastAccessedDetails",
  input: GenerateServiceLastAccessedDetailsInput,
  resource: ({ input }) => input.Arn,
  run: async ({ tx, input, caller }): Promise<{ JobId: string }> => {
    const accountId = accountOf(caller);
    const granularity: Granularity = input.Granularity ?? "SERVICE_LEVEL";
    const createdAt = new Date();
    const report = await lastAccessedFor(tx, accountId, input.Arn, granularity);
    const id = randomUUID();
    // The console generates a report each time a Last accessed tab opens, so old reports are dropped
    // as new ones are made: a JobId stays readable for JOB_RETENTION_DAYS.
    await tx.accessDetailsJob.deleteMany({ where: { accountId, createdAt: { lt: new Date(createdAt.getTime() - JOB_RETENTION_DAYS * 86_400_000) } } });
    await tx.accessDetailsJob.create({
      data: { id, accountId, arn: input.Arn, granularity, status: "COMPLETED", createdAt, completedAt: new Date(), result: JSON.stringify(report) },
    });
    return { JobId: id };
  },
});

// ---------------------------------------------------------------------------------------------
// The stored job.

interface Job {
  readonly granularity: Granularity;
  readonly createdAt: Date;
  readonly completedAt: Date;
  readonly report: LastAccessedReport;
}

const date = (value: unknown) => (typeof value === "string" ? new Date(value) : undefined);

/** The stored report with its dates, which JSON keeps as ISO text, as dates again. */
function reviveReport(text: string): LastAccessedReport {
  const stored = JSON.parse(text) as LastAccessedReport;
  const services = stored.services.map((s): ServiceLastAccessed => {
    const { LastAuthenticated, TrackedActionsLastAccessed, ...rest } = s;
    return {
      ...rest,
      ...(LastAuthenticated ? { LastAuthenticated: date(LastAuthenticated) } : {}),
      ...(TrackedActionsLastAccessed
        ? { TrackedActionsLastAccessed: TrackedActionsLastAccessed.map(({ LastAccessedTime, ...a }) => ({ ...a, ...(LastAccessedTime ? { LastAccessedTime: date(LastAccessedTime) } : {}) })) }
        : {}),
    };
  });
  const entities = stored.entities.map((e): EntityLastAccessed => ({
    info: e.info,
    lastAuthenticated: Object.fromEntries(Object.entries(e.lastAuthenticated).map(([namespace, time]) => [namespace, date(time)!])),
  }));
  return { services, entities };
}

async function jobOf(tx: Tx, caller: Caller, jobId: string): Promise<Job> {
  const job = await tx.accessDetailsJob.findFirst({ where: { id: jobId, accountId: accountOf(caller) } });
  if (!job || job.result === null) {
    throw new IamError("NoSuchEntity", `No last accessed report with the JobId ${jobId} exists in this account. Start one with GenerateServiceLastAccessedDetails and use the JobId it returns.`);
  }
  return { granularity: job.granularity as Granularity, createdAt: job.createdAt, completedAt: job.completedAt ?? job.createdAt, report: reviveReport(job.result) };
}

/** AWS's JobStatus: every stored job is complete (Generate computes it in its own transaction). */
const JOB_STATUS = "COMPLETED";

function pageOf<T>(items: readonly T[], request: { Marker?: string; MaxItems?: number }): { items: T[] } & Page {
  const { skip, take } = pageWindow(request);
  const page = toPage(items.slice(skip, skip + take), request);
  return { items: page.items, ...pageFields(page) };
}

// ---------------------------------------------------------------------------------------------
// GetServiceLastAccessedDetails

export const GetServiceLastAccessedDetailsInput = z.object({ JobId, ...PageInput });

export interface GetServiceLastAccessedDetailsOutput extends Page {
  JobStatus: typeof JOB_STATUS;
  JobType: Granularity;
  JobCreationDate: Date;
  JobCompletionDate: Date;
  ServicesLastAccessed: ServiceLastAccessed[];
}

export const GetServiceLastAccessedDetails = operation({
  name: "GetServiceLastAccessedDetails",
  action: "iam:GetServiceLastAccessedDetails",
  readOnly: true,
  input: GetServiceLastAccessedDetailsInput,
  resource: () => "*",
  run: async ({ tx, input, caller }): Promise<GetServiceLastAccessedDetailsOutput> => {
    const job = await jobOf(tx, caller, input.JobId);
    const { items, ...page } = pageOf(job.report.services, input);
    return { JobStatus: JOB_STATUS, JobType: job.granularity, JobCreationDate: job.createdAt, JobCompletionDate: job.completedAt, ServicesLastAccessed: items, ...page };
  },
});

// ---------------------------------------------------------------------------------------------
// GetServiceLastAccessedDetailsWithEntities

export const GetServiceLastAccessedDetailsWithEntitiesInput = z.object({
  JobId,
  ServiceNamespace: z
    .string()
    .min(1, "must be a service prefix such as s3 or iam")
    .max(64, "must be at most 64 characters")
    .regex(/^[\w-]+$/, "must be a service prefix such as s3 or iam"),
  ...PageInput,
});

/** AWS's EntityDetails. */
export interface EntityDetails {
  EntityInfo: EntityInfo;
  LastAuthenticated?: Date;
}

export interface GetServiceLastAccessedDetailsWithEntitiesOutput extends Page {
  JobStatus: typeof JOB_STATUS;
  JobCreationDate: Date;
  JobCompletionDate: Date;
  EntityDetailsList: EntityDetails[];
}

export const GetServiceLastAccessedDetailsWithEntities = operation({
  name: "GetServiceLastAccessedDetailsWithEntities",
  action: "iam:GetServiceLastAccessedDetailsWithEntities",
  readOnly: true,
  input: GetServiceLastAccessedDetailsWithEntitiesInput,
  resource: () => "*",
  run: async ({ tx, input, caller }): Promise<GetServiceLastAccessedDetailsWithEntitiesOutput> => {
    const namespace = input.ServiceNamespace.toLowerCase();
    if (!(await allServiceActions()).some((service) => service.key === namespace)) {
      throw new IamError("InvalidInput", `${input.ServiceNamespace} is not an AWS service namespace. Use a prefix from the report's ServicesLastAccessed, such as iam or s3.`);
    }
    const job = await jobOf(tx, caller, input.JobId);
    // AWS's order: the most recent attempt first; entities that never attempted it last, by ARN.
    const details = job.report.entities
      .map((e): EntityDetails => {
        const time = e.lastAuthenticated[namespace];
        return time ? { EntityInfo: e.info, LastAuthenticated: time } : { EntityInfo: e.info };
      })
      .sort((a, b) => (b.LastAuthenticated?.getTime() ?? -1) - (a.LastAuthenticated?.getTime() ?? -1) || a.EntityInfo.Arn.localeCompare(b.EntityInfo.Arn));
    const { items, ...page } = pageOf(details, input);
    return { JobStatus: JOB_STATUS, JobCreationDate: job.createdAt, JobCompletionDate: job.completedAt, EntityDetailsList: items, ...page };
  },
});
