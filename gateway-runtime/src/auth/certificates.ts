/**
 * Client certificates registered on an API (mTLS per key type): the certificate a
 * caller presents on the TLS connection is matched, by the SHA-256 fingerprint of its
 * DER encoding, against the PEMs in the API's `security.mtls.certificates`.
 */
import { X509Certificate, createHash } from 'node:crypto';
import type { MtlsCertificate } from '../model/bundle.js';
import type { CertificateMatch } from './types.js';

/** Options of a certificate matcher. */
export interface CertificateMatcherOptions {
  /** Milliseconds since the epoch; a registered certificate outside its validity period matches nothing. */
  now?: () => number;
}

/** The registered certificates of one API, parsed once. */
export interface CertificateMatcher {
  /** The entry whose certificate is exactly the presented one (DER), or null. */
  match(peerDer: Buffer): CertificateMatch | null;
  /** Aliases whose PEM could not be parsed as an X.509 certificate; they never match. */
  readonly unparsable: readonly string[];
}

interface Registered {
  match: CertificateMatch;
  validFrom: number;
  validTo: number;
}

function fingerprint(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex');
}

/**
 * Parses every PEM once. When two entries hold the same certificate, the first one
 * (in bundle order) decides its key type and plan.
 */
export function createCertificateMatcher(
  certificates: readonly MtlsCertificate[],
  options: CertificateMatcherOptions = {},
): CertificateMatcher {
  const now = options.now ?? Date.now;
  const byFingerprint = new Map<string, Registered>();
  const unparsable: string[] = [];
  for (const entry of certificates) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(entry.pem);
    } catch {
      unparsable.push(entry.alias);
      continue;
    }
    const key = fingerprint(cert.raw);
    if (byFingerprint.has(key)) continue;
    byFingerprint.set(key, {
      match: { alias: entry.alias, keyType: entry.keyType, plan: entry.plan ?? null },
      validFrom: Date.parse(cert.validFrom),
      validTo: Date.parse(cert.validTo),
    });
  }
  return {
    unparsable,
    match(peerDer) {
      if (peerDer.length === 0) return null;
      const registered = byFingerprint.get(fingerprint(peerDer));
      if (!registered) return null;
      const at = now();
      // An expired (or not yet valid) pinned certificate is refused even when the TLS
      // listener accepted the handshake without a client CA.
      if (!(at >= registered.validFrom && at <= registered.validTo)) return null;
      return { ...registered.match };
    },
  };
}

// The authenticate stage passes the same array (from the deployed bundle) on every
// request; keying the parsed form on that array parses each PEM once per deployment.
const matchers = new WeakMap<readonly MtlsCertificate[], CertificateMatcher>();

/** Matches the presented certificate (DER, from `getPeerCertificate(true).raw`) against an API's entries. */
export function matchClientCertificate(
  certificates: readonly MtlsCertificate[],
  peerDer: Buffer,
): CertificateMatch | null {
  let matcher = matchers.get(certificates);
  if (!matcher) {
    matcher = createCertificateMatcher(certificates);
    matchers.set(certificates, matcher);
  }
  return matcher.match(peerDer);
}
