import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MtlsCertificate } from '../model/bundle.js';
import { createCertificateMatcher, matchClientCertificate } from './certificates.js';

// Two self-signed P-256 certificates valid from 2000-01-01 to 2100-01-01, made with
// `openssl ca -selfsign -startdate 20000101000000Z -enddate 21000101000000Z`.
const ALPHA = `-----BEGIN CERTIFICATE-----
MIIBFDCBugIBATAKBggqhkjOPQQDAjAVMRMwEQYDVQQDDAp1bml0LWFscGhhMCAX
DTAwMDEwMTAwMDAwMFoYDzIxMDAwMTAxMDAwMDAwWjAVMRMwEQYDVQQDDAp1bml0
LWFscGhhMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEPJYvfVPhpoxW6N6bCPQf
iIp/klq5uOmZQpDSw6mQkJFIxuD8MMgZPvzogi2kRs5N5ZXcCCkuAJE3FNwh3vaY
dTAKBggqhkjOPQQDAgNJADBGAiEA9H74eNB4dj7pf81oOH8ndX6FlrcuZosxrOP2
xCaptlUCIQDLH2b00CYWz/uafr55lUCzhknIWLmMDJWCth4Y7zkdKA==
-----END CERTIFICATE-----
`;
const BETA = `-----BEGIN CERTIFICATE-----
MIIBEDCBuAIBAjAKBggqhkjOPQQDAjAUMRIwEAYDVQQDDAl1bml0LWJldGEwIBcN
MDAwMTAxMDAwMDAwWhgPMjEwMDAxMDEwMDAwMDBaMBQxEjAQBgNVBAMMCXVuaXQt
YmV0YTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABIhIVRJ7yBZxhsxfVtKoyLGo
O7C6p3zeKZtf0OzbSpnjIA6o+o4bI83rTfeOiKn14AkHRDu8LR/YqBwH/HD2fAcw
CgYIKoZIzj0EAwIDRwAwRAIgNeUCdaaRa+2xWlJHtgJmAqY7wKFSlPt0Fiw6T4EP
LVICICB7bCSuV7H2sGcjux14LZ2tTz+sGNsVGVpdhO45SAbl
-----END CERTIFICATE-----
`;
const alphaDer = new X509Certificate(ALPHA).raw;
const betaDer = new X509Certificate(BETA).raw;
const in2050 = () => Date.UTC(2050, 0, 1);

describe('createCertificateMatcher', () => {
  const entries: MtlsCertificate[] = [
    { alias: 'partner-a', keyType: 'PRODUCTION', pem: ALPHA, plan: 'Gold' },
    { alias: 'partner-b', keyType: 'SANDBOX', pem: BETA },
  ];
  const matcher = createCertificateMatcher(entries, { now: in2050 });

  it('matches the presented DER to its entry, with key type and plan', () => {
    expect(matcher.match(alphaDer)).toEqual({
      alias: 'partner-a',
      keyType: 'PRODUCTION',
      plan: 'Gold',
    });
  });

  it('gives plan null when the entry has none', () => {
    expect(matcher.match(betaDer)).toEqual({ alias: 'partner-b', keyType: 'SANDBOX', plan: null });
  });

  it('matches nothing for another certificate, a truncated one, or an empty buffer', () => {
    expect(createCertificateMatcher([entries[1]!], { now: in2050 }).match(alphaDer)).toBeNull();
    expect(matcher.match(alphaDer.subarray(0, alphaDer.length - 1))).toBeNull();
    expect(matcher.match(Buffer.alloc(0))).toBeNull();
  });

  it('refuses a registered certificate outside its validity period', () => {
    const before = createCertificateMatcher(entries, { now: () => Date.UTC(1999, 11, 31) });
    const after = createCertificateMatcher(entries, { now: () => Date.UTC(2100, 0, 2) });
    expect(before.match(alphaDer)).toBeNull();
    expect(after.match(alphaDer)).toBeNull();
  });

  it('lets the first entry decide when a certificate is listed twice', () => {
    const twice = createCertificateMatcher(
      [
        { alias: 'first', keyType: 'SANDBOX', pem: ALPHA, plan: null },
        { alias: 'second', keyType: 'PRODUCTION', pem: ALPHA, plan: 'Gold' },
      ],
      { now: in2050 },
    );
    expect(twice.match(alphaDer)).toEqual({ alias: 'first', keyType: 'SANDBOX', plan: null });
  });

  it('reports PEMs that do not parse instead of throwing', () => {
    const broken = createCertificateMatcher(
      [
        {
          alias: 'broken',
          keyType: 'PRODUCTION',
          pem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
        },
        { alias: 'partner-b', keyType: 'SANDBOX', pem: BETA },
      ],
      { now: in2050 },
    );
    expect(broken.unparsable).toEqual(['broken']);
    expect(broken.match(betaDer)?.alias).toBe('partner-b');
  });
});

describe('matchClientCertificate', () => {
  it('matches through a matcher cached per certificates array', () => {
    const entries: MtlsCertificate[] = [
      { alias: 'partner-a', keyType: 'PRODUCTION', pem: ALPHA, plan: 'Gold' },
    ];
    expect(matchClientCertificate(entries, alphaDer)).toEqual({
      alias: 'partner-a',
      keyType: 'PRODUCTION',
      plan: 'Gold',
    });
    expect(matchClientCertificate(entries, betaDer)).toBeNull();
    // The parsed form is keyed on the array: a new deployment (a new array) is parsed afresh.
    const redeployed: MtlsCertificate[] = [{ alias: 'partner-b', keyType: 'SANDBOX', pem: BETA }];
    expect(matchClientCertificate(redeployed, betaDer)?.alias).toBe('partner-b');
  });
});
