/**
 * The policy form's draft (strings, as inputs hold them), its validation with
 * messages that name the field, and the conversions to and from the policy
 * document the studio saves as `policies/<kind>-<name>.yaml`. The service checks
 * again with the gateway's own schemas; this catches mistakes as the user types.
 */
import type {
  ConditionGroup,
  PolicyDocument,
  PolicyKind,
  PolicyLimit,
} from '../../../../main/ipc/contract';

export type TimeUnit = PolicyLimit['timeUnit'];

export interface LimitDraft {
  requests: string;
  unitTime: string;
  timeUnit: TimeUnit;
}

export interface ConditionDraft {
  ip: string;
  ipRange: string;
  headerName: string;
  headerValue: string;
  queryName: string;
  queryValue: string;
  claimName: string;
  claimValue: string;
  invert: boolean;
  limit: LimitDraft;
}

export interface PolicyDraft {
  kind: PolicyKind;
  name: string;
  description: string;
  limit: LimitDraft;
  tokensTotal: string;
  tokensPrompt: string;
  tokensCompletion: string;
  burstRequests: string;
  burstPer: 'sec' | 'min';
  stopOnQuotaReach: boolean;
  billingModel: 'FREE' | 'COMMERCIAL';
  currency: string;
  pricePerRequest: string;
  pricePerMillionPromptTokens: string;
  pricePerMillionCompletionTokens: string;
  conditions: ConditionDraft[];
}

export const kindLabels: Record<PolicyKind, string> = {
  subscription: 'Subscription plan',
  application: 'Application policy',
  api: 'API policy',
};

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export const emptyLimit = (): LimitDraft => ({ requests: '', unitTime: '1', timeUnit: 'min' });

export const emptyCondition = (): ConditionDraft => ({
  ip: '',
  ipRange: '',
  headerName: '',
  headerValue: '',
  queryName: '',
  queryValue: '',
  claimName: '',
  claimValue: '',
  invert: false,
  limit: emptyLimit(),
});

export function emptyDraft(kind: PolicyKind): PolicyDraft {
  return {
    kind,
    name: '',
    description: '',
    limit: emptyLimit(),
    tokensTotal: '',
    tokensPrompt: '',
    tokensCompletion: '',
    burstRequests: '',
    burstPer: 'sec',
    stopOnQuotaReach: true,
    billingModel: 'FREE',
    currency: '',
    pricePerRequest: '',
    pricePerMillionPromptTokens: '',
    pricePerMillionCompletionTokens: '',
    conditions: [],
  };
}

const limitDraft = (l: PolicyLimit | undefined): LimitDraft =>
  l
    ? { requests: text(l.requests), unitTime: String(l.unitTime), timeUnit: l.timeUnit }
    : emptyLimit();

export function draftFrom(p: PolicyDocument): PolicyDraft {
  const draft: PolicyDraft = {
    ...emptyDraft(p.kind),
    name: p.name,
    description: p.description ?? '',
    limit: limitDraft(p.limit),
  };
  if (p.kind !== 'api') {
    draft.tokensTotal = text(p.tokens?.total);
    draft.tokensPrompt = text(p.tokens?.prompt);
    draft.tokensCompletion = text(p.tokens?.completion);
    draft.burstRequests = text(p.burst?.requests);
    draft.burstPer = p.burst?.per ?? 'sec';
  }
  if (p.kind === 'subscription') {
    draft.stopOnQuotaReach = p.stopOnQuotaReach ?? true;
    draft.billingModel = p.billing?.model ?? 'FREE';
    draft.currency = p.billing?.currency ?? '';
    draft.pricePerRequest = text(p.billing?.pricePerRequest);
    draft.pricePerMillionPromptTokens = text(p.billing?.pricePerMillionPromptTokens);
    draft.pricePerMillionCompletionTokens = text(p.billing?.pricePerMillionCompletionTokens);
  }
  if (p.kind === 'api')
    draft.conditions = (p.conditions ?? []).map((c) => ({
      ip: c.match.ip ?? '',
      ipRange: c.match.ipRange ?? '',
      headerName: c.match.header?.name ?? '',
      headerValue: c.match.header?.value ?? '',
      queryName: c.match.query?.name ?? '',
      queryValue: c.match.query?.value ?? '',
      claimName: c.match.claim?.name ?? '',
      claimValue: c.match.claim?.value ?? '',
      invert: c.match.invert ?? false,
      limit: limitDraft(c.limit),
    }));
  return draft;
}

const wholeNumber = /^\d+$/;
const decimal = /^\d+(\.\d+)?$/;
const ipv4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const ipv6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/;

export const isIp = (v: string) => ipv4.test(v) || ipv6.test(v);
export function isCidr(v: string): boolean {
  const [address = '', prefix = '', extra] = v.split('/');
  if (extra !== undefined || !wholeNumber.test(prefix)) return false;
  if (ipv4.test(address)) return Number(prefix) <= 32;
  return ipv6.test(address) && Number(prefix) <= 128;
}

function checkLimit(
  errors: Record<string, string>,
  key: string,
  label: string,
  l: LimitDraft,
  requestsOptional: boolean,
) {
  if (l.requests.trim() === '') {
    if (!requestsOptional)
      errors[`${key}.requests`] = `${label} requests: required, a whole number 0 or more`;
  } else if (!wholeNumber.test(l.requests.trim()))
    errors[`${key}.requests`] = `${label} requests: must be a whole number 0 or more`;
  if (!wholeNumber.test(l.unitTime.trim()) || Number(l.unitTime) < 1)
    errors[`${key}.unitTime`] = `${label} unit time: must be a whole number greater than 0`;
}

/** Field key -> message naming the field; empty when the draft can be saved. */
export function validateDraft(d: PolicyDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = d.name.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name))
    errors.name =
      'Name: 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. Gold)';
  else if (name === 'Unlimited') errors.name = 'Name: Unlimited is built into the gateway';
  checkLimit(errors, 'limit', 'Request limit', d.limit, d.kind === 'subscription');
  if (d.kind !== 'api') {
    for (const [key, label] of [
      ['tokensTotal', 'Total tokens'],
      ['tokensPrompt', 'Prompt tokens'],
      ['tokensCompletion', 'Completion tokens'],
    ] as const) {
      const v = d[key].trim();
      if (v !== '' && !wholeNumber.test(v))
        errors[key] = `${label}: must be a whole number 0 or more, or empty for no quota`;
    }
    const b = d.burstRequests.trim();
    if (b !== '' && (!wholeNumber.test(b) || Number(b) < 1))
      errors.burstRequests =
        'Burst requests: must be a whole number greater than 0, or empty for no burst limit';
  }
  if (d.kind === 'subscription') {
    if (d.currency.trim() !== '' && !/^[A-Z]{3}$/.test(d.currency.trim()))
      errors.currency = 'Currency: a three-letter ISO 4217 code such as USD';
    for (const [key, label] of [
      ['pricePerRequest', 'Price per request'],
      ['pricePerMillionPromptTokens', 'Price per million prompt tokens'],
      ['pricePerMillionCompletionTokens', 'Price per million completion tokens'],
    ] as const) {
      const v = d[key].trim();
      if (v !== '' && !decimal.test(v)) errors[key] = `${label}: must be a number 0 or more`;
    }
  }
  d.conditions.forEach((c, i) => {
    const label = `Condition ${i + 1}`;
    if (c.ip.trim() && !isIp(c.ip.trim()))
      errors[`c${i}.ip`] = `${label} IP: must be an IPv4 or IPv6 address`;
    if (c.ipRange.trim() && !isCidr(c.ipRange.trim()))
      errors[`c${i}.ipRange`] = `${label} IP range: must be a CIDR range such as 10.0.0.0/8`;
    for (const [n, v, what] of [
      [c.headerName, c.headerValue, 'header'],
      [c.queryName, c.queryValue, 'query parameter'],
      [c.claimName, c.claimValue, 'claim'],
    ] as const)
      if (!n.trim() && v.trim())
        errors[`c${i}.${what}`] = `${label} ${what}: name the ${what} whose value must match`;
    const matches = [c.ip, c.ipRange, c.headerName, c.queryName, c.claimName].some((v) => v.trim());
    if (!matches)
      errors[`c${i}.match`] =
        `${label}: match at least one of IP, IP range, header, query or claim`;
    checkLimit(errors, `c${i}.limit`, `${label} limit`, c.limit, false);
  });
  return errors;
}

const num = (v: string): number | null => (v.trim() === '' ? null : Number(v.trim()));
const opt = (v: string): number | undefined => (v.trim() === '' ? undefined : Number(v.trim()));

function limitOf(l: LimitDraft): PolicyLimit {
  return { requests: num(l.requests), unitTime: Number(l.unitTime), timeUnit: l.timeUnit };
}

function conditionOf(c: ConditionDraft): ConditionGroup {
  const pair = (name: string, value: string) =>
    name.trim() ? { name: name.trim(), value } : undefined;
  const match: ConditionGroup['match'] = {};
  if (c.ip.trim()) match.ip = c.ip.trim();
  if (c.ipRange.trim()) match.ipRange = c.ipRange.trim();
  const header = pair(c.headerName, c.headerValue);
  const query = pair(c.queryName, c.queryValue);
  const claim = pair(c.claimName, c.claimValue);
  if (header) match.header = header;
  if (query) match.query = query;
  if (claim) match.claim = claim;
  if (c.invert) match.invert = true;
  return { match, limit: limitOf(c.limit) };
}

/** The document to save; call only when `validateDraft` found nothing. */
export function policyFrom(d: PolicyDraft): PolicyDocument {
  const common = {
    name: d.name.trim(),
    ...(d.description.trim() ? { description: d.description.trim() } : {}),
  };
  if (d.kind === 'api')
    return {
      kind: 'api',
      ...common,
      limit: limitOf(d.limit),
      ...(d.conditions.length ? { conditions: d.conditions.map(conditionOf) } : {}),
    };
  const quotas = {
    total: num(d.tokensTotal),
    prompt: num(d.tokensPrompt),
    completion: num(d.tokensCompletion),
  };
  const tokens = Object.values(quotas).some((q) => q !== null) ? quotas : undefined;
  const burst = d.burstRequests.trim()
    ? { requests: Number(d.burstRequests), per: d.burstPer }
    : undefined;
  const shared = {
    ...common,
    limit: limitOf(d.limit),
    ...(tokens ? { tokens } : {}),
    ...(burst ? { burst } : {}),
  };
  if (d.kind === 'application') return { kind: 'application', ...shared };
  const billing = {
    model: d.billingModel,
    ...(d.currency.trim() ? { currency: d.currency.trim() } : {}),
    ...(opt(d.pricePerRequest) !== undefined ? { pricePerRequest: opt(d.pricePerRequest) } : {}),
    ...(opt(d.pricePerMillionPromptTokens) !== undefined
      ? { pricePerMillionPromptTokens: opt(d.pricePerMillionPromptTokens) }
      : {}),
    ...(opt(d.pricePerMillionCompletionTokens) !== undefined
      ? { pricePerMillionCompletionTokens: opt(d.pricePerMillionCompletionTokens) }
      : {}),
  };
  return {
    kind: 'subscription',
    ...shared,
    stopOnQuotaReach: d.stopOnQuotaReach,
    ...(d.billingModel === 'COMMERCIAL' || Object.keys(billing).length > 1 ? { billing } : {}),
  };
}
