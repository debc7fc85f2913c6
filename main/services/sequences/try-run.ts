/**
 * A sequence dry run through the local gateway's admin API
 * (`POST /admin/v1/sequences/run`): the gateway executes the steps against the
 * sample request with its real engine (real calls, real JSONata) and answers the
 * response plus a step-by-step trace. Nothing is deployed.
 */
import type { Sequence } from '../../../gateway-runtime/src/index.js';
import { sequenceTryResult } from '../../ipc/contract.js';
import type { SequenceTryRequest, SequenceTryResult } from '../../ipc/contract.js';
import { StudioError } from '../errors.js';
import { formatZodIssues } from '../zod-issues.js';

/** One call to the running gateway's admin API (`GatewayHostService.admin`); `null` when none runs. */
export type AdminCall = (
  method: 'POST',
  path: string,
  body: unknown,
) => Promise<{ status: number; body: unknown } | null>;

/** The body the admin endpoint takes. */
export interface RunBody {
  sequence: Sequence;
  request: SequenceTryRequest;
  apiId?: string;
}

function errorMessage(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { message, description } = body as { message?: unknown; description?: unknown };
  const parts = [message, description].filter((p): p is string => typeof p === 'string' && !!p);
  return parts.length > 0 ? parts.join(': ') : null;
}

const notRunning = (): StudioError =>
  new StudioError(
    'GATEWAY_UNAVAILABLE',
    'The local gateway is not running; start it from the status bar, then try again',
  );

export async function runSequence(admin: AdminCall, body: RunBody): Promise<SequenceTryResult> {
  let answer: { status: number; body: unknown } | null;
  try {
    answer = await admin('POST', '/admin/v1/sequences/run', body);
  } catch (error) {
    throw new StudioError(
      'GATEWAY_UNAVAILABLE',
      `The local gateway did not answer the dry run: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!answer) throw notRunning();
  const { status } = answer;
  if (status === 400) {
    throw new StudioError(
      'VALIDATION',
      errorMessage(answer.body) ?? 'the gateway refused the sequence or the request',
    );
  }
  if (status === 404) {
    throw new StudioError(
      'UNSUPPORTED',
      'The local gateway has no sequence dry-run endpoint (POST /admin/v1/sequences/run); update the gateway runtime',
    );
  }
  if (status < 200 || status > 299) {
    throw new StudioError(
      'INTERNAL',
      `The dry run failed with HTTP ${status}: ${errorMessage(answer.body) ?? 'no details'}`,
    );
  }
  const parsed = sequenceTryResult.safeParse(answer.body);
  if (!parsed.success) {
    throw new StudioError(
      'INTERNAL',
      `The gateway answered the dry run in an unexpected shape: ${formatZodIssues(parsed.error.issues)}`,
    );
  }
  return parsed.data;
}
