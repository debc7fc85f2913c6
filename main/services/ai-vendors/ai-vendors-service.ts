/**
 * AI vendors and their price tables as workspace files (`ai-vendors/<name>.yaml`),
 * AI APIs created from a vendor, and the vendor keys they need: stored in the
 * studio's secret store and sent to the local gateway, never written to the folder.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AiModelPrice, AiVendor } from '../../../gateway-runtime/src/index.js';
import { aiModelPriceSchema } from '../../../gateway-runtime/src/index.js';
import { StudioError } from '../errors.js';
import { pathExists } from '../path-exists.js';
import { writeFileAtomic, type ApiRecord } from '../workspace/api-files.js';
import { planNewApi, writeNewApi } from '../workspace/api-create.js';
import { APIS_DIR } from '../workspace/paths.js';
import { readYamlFiles, yamlStem } from '../yaml-files.js';
import { formatZodIssues } from '../zod-issues.js';
import {
  asAiApi,
  checkAiApiInput,
  referencedSecrets,
  secretNamePattern,
  secretNameRule,
  type NewAiApiInput,
} from './ai-api.js';
import { builtInVendors, type BuiltInVendor } from './built-in.js';
import {
  AI_VENDORS_DIR,
  orderedVendor,
  parseVendorFile,
  serializeVendor,
  validateVendor,
  vendorNamePattern,
  vendorNameRule,
} from './vendor-file.js';

/** A vendor file as listed: the vendor and its path relative to the workspace root. */
export interface VendorEntry {
  vendor: AiVendor;
  file: string;
}

/** Everything the AI vendors view shows. */
export interface VendorListing {
  vendors: VendorEntry[];
  builtIns: BuiltInVendor[];
  /** Files that exist but do not read as a vendor, and why. */
  problems: { path: string; message: string }[];
}

/** The `aiVendors.createApi` request: the API, and optionally the key value and a definition. */
export interface CreateAiApiInput extends NewAiApiInput {
  /** The vendor key; stored under `secretRef` in the studio's secret store and sent to the local gateway. */
  secretValue?: string;
  /** A vendor's OpenAPI document to use as the API's definition. */
  definition?: { content: string; fileName?: string };
}

/** What the service needs from the rest of the studio. */
export interface AiVendorsServiceDeps {
  root(): string | null;
  apis(): readonly ApiRecord[];
  secrets: { set(name: string, value: string): void; get(name: string): string | undefined };
  /** The local gateway; `putSecret` answers false when no gateway runs. */
  gateway?: { putSecret(name: string, value: string): Promise<boolean> };
}

const fileName = (name: string): string => `${AI_VENDORS_DIR}/${name}.yaml`;

/** A definition for an AI API created without one: no paths, so every path passes through. */
function emptyOpenApi(name: string, version: string): string {
  return `openapi: 3.0.3\ninfo:\n  title: ${JSON.stringify(name)}\n  version: ${JSON.stringify(version)}\npaths: {}\n`;
}

export class AiVendorsService {
  constructor(private readonly deps: AiVendorsServiceDeps) {}

  async list(): Promise<VendorListing> {
    const root = this.requireRoot();
    const vendors: VendorEntry[] = [];
    const problems: VendorListing['problems'] = [];
    for (const { name, text } of await readYamlFiles(join(root, AI_VENDORS_DIR))) {
      const path = `${AI_VENDORS_DIR}/${name}`;
      const parsed = parseVendorFile(text);
      const stem = yamlStem(name);
      if (!parsed.ok) problems.push({ path, message: parsed.message });
      else if (parsed.vendor.name !== stem)
        problems.push({ path, message: `name: must be "${stem}", the file's name` });
      else vendors.push({ vendor: parsed.vendor, file: path });
    }
    return { vendors, builtIns: builtInVendors(), problems };
  }

  async get(name: string): Promise<VendorEntry & { content: string }> {
    const root = this.requireRoot();
    const file = this.fileOf(name);
    let content: string;
    try {
      content = await readFile(join(root, file), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new StudioError('NOT_FOUND', `name: no ${file} in the workspace`);
      throw error;
    }
    const parsed = parseVendorFile(content);
    if (!parsed.ok) throw new StudioError('VALIDATION', `${file}: ${parsed.message}`);
    return { vendor: parsed.vendor, file, content };
  }

  /**
   * Validates with the gateway's own schema and writes the file. `previousName` renames:
   * the old file goes once the new one is written. A new name that exists is a conflict.
   */
  async save(input: unknown, previousName?: string): Promise<VendorEntry & { content: string }> {
    const root = this.requireRoot();
    const parsed = validateVendor(input);
    if (!parsed.ok) throw new StudioError('VALIDATION', parsed.message);
    const vendor = orderedVendor(parsed.vendor);
    const file = this.fileOf(vendor.name);
    if (previousName !== vendor.name) {
      if (await pathExists(join(root, file)))
        throw new StudioError('CONFLICT', `name: ${file} already exists; choose another name`);
    }
    await mkdir(join(root, AI_VENDORS_DIR), { recursive: true });
    const content = serializeVendor(vendor);
    await writeFileAtomic(join(root, file), content);
    if (previousName !== undefined && previousName !== vendor.name)
      await rm(join(root, this.fileOf(previousName)), { force: true });
    return { vendor, file, content };
  }

  async delete(name: string): Promise<void> {
    await rm(join(this.requireRoot(), this.fileOf(name)), { force: true });
  }

  /**
   * Replaces a vendor's price table. A built-in vendor without a file gets one that
   * overrides its prices only (`{ name: openai, type: openai, prices }`).
   */
  async savePrices(name: string, prices: unknown): Promise<VendorEntry & { content: string }> {
    const checked = validatePrices(prices);
    const existing = await this.get(name).catch((error: unknown) => {
      if (error instanceof StudioError && error.code === 'NOT_FOUND') return null;
      throw error;
    });
    let base: AiVendor;
    if (existing) base = existing.vendor;
    else {
      const builtIn = builtInVendors().find((b) => b.type === name);
      if (!builtIn)
        throw new StudioError('NOT_FOUND', `name: no vendor "${name}" in the workspace`);
      base = { name, type: builtIn.type };
    }
    return this.save({ ...base, prices: checked }, name);
  }

  /** The workspace's vendor entries for the gateway bundle; unreadable files are left out. */
  async bundleEntries(): Promise<AiVendor[]> {
    if (!this.deps.root()) return [];
    return (await this.list()).vendors.map((entry) => entry.vendor);
  }

  /** Stores a vendor key and sends it to the local gateway when one runs. */
  async setSecret(name: string, value: string): Promise<{ sentToGateway: boolean }> {
    if (!secretNamePattern.test(name))
      throw new StudioError('VALIDATION', `name: ${secretNameRule}`);
    if (value === '') throw new StudioError('VALIDATION', 'value: the key must not be empty');
    this.deps.secrets.set(name, value);
    const sentToGateway = (await this.deps.gateway?.putSecret(name, value)) ?? false;
    return { sentToGateway };
  }

  /** Sends every stored secret the workspace's AI APIs name to the (re)started local gateway. */
  async syncSecrets(): Promise<string[]> {
    const sent: string[] = [];
    for (const name of referencedSecrets(this.deps.apis())) {
      const value = this.deps.secrets.get(name);
      if (value !== undefined && (await this.deps.gateway?.putSecret(name, value))) sent.push(name);
    }
    return sent;
  }

  /**
   * Creates an AI API folder: the vendor's OpenAPI as its definition when given (its
   * operations become the API's), else an empty one that lets every path through.
   */
  async createApi(input: CreateAiApiInput): Promise<{
    id: string;
    name: string;
    version: string;
    context: string;
    path: string;
    operationCount: number;
  }> {
    const root = this.requireRoot();
    const listing = await this.list();
    const known = [
      ...new Set([
        ...listing.vendors.map((v) => v.vendor.name),
        ...listing.builtIns.map((b) => b.type),
      ]),
    ];
    checkAiApiInput(input, known);
    if (input.secretValue !== undefined && input.secretRef === undefined)
      throw new StudioError('VALIDATION', 'secretRef: name the secret the key is stored under');
    const plan = planNewApi(
      {
        content: input.definition?.content ?? emptyOpenApi(input.name, input.version),
        fileName: input.definition?.fileName ?? 'openapi.yaml',
        name: input.name,
        version: input.version,
        context: input.context,
      },
      this.deps.apis(),
    );
    if (plan.location.format !== 'openapi') {
      throw new StudioError(
        'DEFINITION_INVALID',
        `definition: an AI API's definition must be OpenAPI (the vendor's API), not ${plan.location.format}`,
      );
    }
    const apiYaml = asAiApi(plan.apiYaml, input);
    await writeNewApi(root, { ...plan, apiYaml });
    if (input.secretValue !== undefined && input.secretRef !== undefined)
      await this.setSecret(input.secretRef, input.secretValue);
    return {
      id: plan.id,
      name: apiYaml.data.name,
      version: apiYaml.data.version,
      context: apiYaml.data.context,
      path: `${APIS_DIR}/${plan.id}`,
      operationCount: apiYaml.data.operations?.length ?? 0,
    };
  }

  private fileOf(name: string): string {
    if (!vendorNamePattern.test(name))
      throw new StudioError('VALIDATION', `name: ${vendorNameRule}`);
    return fileName(name);
  }

  private requireRoot(): string {
    const root = this.deps.root();
    if (!root) throw new StudioError('NO_WORKSPACE', 'open a workspace first');
    return root;
  }
}

/** Validates a price table: each entry's model and non-negative prices, models unique. */
export function validatePrices(input: unknown): AiModelPrice[] {
  if (!Array.isArray(input)) throw new StudioError('VALIDATION', 'prices: must be a list');
  const issues: string[] = [];
  const out: AiModelPrice[] = [];
  const seen = new Set<string>();
  input.forEach((entry: unknown, index) => {
    const parsed = aiModelPriceSchema.safeParse(entry, { reportInput: true });
    if (!parsed.success) {
      issues.push(
        ...formatZodIssues(parsed.error.issues)
          .split('; ')
          .map((m) => `prices[${index}].${m}`),
      );
      return;
    }
    if (seen.has(parsed.data.model))
      issues.push(`prices[${index}].model: "${parsed.data.model}" is listed twice`);
    seen.add(parsed.data.model);
    out.push(parsed.data);
  });
  if (issues.length > 0) throw new StudioError('VALIDATION', issues.join('; '));
  return out;
}
