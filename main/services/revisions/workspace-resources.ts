/**
 * What a revision needs besides the API's own folder: the workspace's sequences,
 * AI vendors (custom vendors and price tables) and plans, read from their files.
 * A revision keeps only the ones its API names (see `revisionBundle`), so an edit
 * to an unrelated sequence or plan does not make a new revision.
 */
import { join } from 'node:path';
import type { AiVendor, Policies, Sequence } from '../../../gateway-runtime/src/index.js';
import { AI_VENDORS_DIR, parseVendorFile } from '../ai-vendors/vendor-file.js';
import { PoliciesService } from '../policies/policies-service.js';
import { SEQUENCES_DIR, parseSequenceText, validateSequence } from '../sequences/sequence-file.js';
import { readYamlFiles, yamlStem } from '../yaml-files.js';

export interface RevisionResources {
  sequences?: readonly Sequence[];
  aiVendors?: readonly AiVendor[];
  policies?: Policies;
}

/**
 * The valid sequences, vendors and plans of the workspace at `root`. Invalid files
 * are left out here; the studio shows them as problems, and an API that names one
 * fails to become a revision with the reference named.
 */
export async function readWorkspaceResources(root: string): Promise<RevisionResources> {
  const sequences: Sequence[] = [];
  for (const { name, text } of await readYamlFiles(join(root, SEQUENCES_DIR))) {
    const parsed = parseSequenceText(text);
    if (!parsed.ok) continue;
    const valid = validateSequence(parsed.document);
    // As in the studio, a sequence counts only under its file's name.
    if (valid.ok && valid.sequence.name === yamlStem(name)) sequences.push(valid.sequence);
  }
  const aiVendors: AiVendor[] = [];
  for (const { name, text } of await readYamlFiles(join(root, AI_VENDORS_DIR))) {
    const parsed = parseVendorFile(text);
    // As `AiVendorsService.list`: a vendor counts only under its file's name.
    if (parsed.ok && parsed.vendor.name === yamlStem(name)) aiVendors.push(parsed.vendor);
  }
  const policies = new PoliciesService({ root: () => root }).bundlePolicies();
  return { sequences, aiVendors, policies };
}
