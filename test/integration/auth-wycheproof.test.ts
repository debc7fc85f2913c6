// Project Wycheproof's JSON Web Signature vectors, run through the gateway's own token
// check: for each group, a resident key manager whose JWKS is the group's key, and
// createJwsVerifier, the signature path createJwtValidator uses for every bearer token.
//
// The vectors are /work/shared/fixtures/jwt/json_web_signature_test.json, copied from
// C2SP/wycheproof (testvectors_v1/json_web_signature_test.json) under the Apache
// License, Version 2.0 (https://www.apache.org/licenses/LICENSE-2.0); see NOTICE.txt
// beside the file. Nothing of the file is copied here; the test reads it in place.
//
// Every vector is accounted for. The expected result is the vector's `result`, except
// for the symmetric-key groups (an `oct` key, HS256): the gateway verifies JWTs only with
// a key manager's public keys and never allows HMAC (a shared secret would have to travel
// inside the bundle, which never carries secrets), so each of those vectors, valid or
// not, must be rejected, even when the key manager's JWKS holds the HMAC key.
//
// A key's `alg` binds it to a signature family (RSASSA-PKCS1, RSASSA-PSS, ECDSA, EdDSA)
// and, for RSA, to a hash at least as strong as the one it names (see
// keyAllowsAlgorithm): RFC 7520's examples sign PS384 with a key labelled PS256 and are
// valid, while a PS256 signature under a key labelled PS512 is a downgrade, as are
// Wycheproof's "WrongPrimitive" vectors (an RS256 signature under a PSS key).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createJwsVerifier } from '../../gateway-runtime/src/auth/index.js';
import type { KeyManager } from '../../gateway-runtime/src/model/bundle.js';

// shared/ sits beside the repository (CI clones the repo with ../shared next to it).
const VECTORS = fileURLToPath(
  new URL('../../../shared/fixtures/jwt/json_web_signature_test.json', import.meta.url),
);

interface Vector {
  tcId: number;
  comment: string;
  jws: unknown;
  result: 'valid' | 'invalid' | 'acceptable';
  flags: string[];
}

interface Group {
  type: string;
  comment: string;
  public?: Record<string, unknown>;
  private?: Record<string, unknown>;
  tests: Vector[];
}

interface VectorFile {
  numberOfTests: number;
  testGroups: Group[];
}

const file = JSON.parse(readFileSync(VECTORS, 'utf8')) as VectorFile;

function isSymmetric(group: Group): boolean {
  return group.public === undefined && group.private?.kty === 'oct';
}

function keyManagerFor(group: Group, index: number): KeyManager {
  // A symmetric group has no public key; its key manager holds the HMAC key itself, to
  // show that even then nothing verifies.
  const key = group.public ?? group.private;
  if (!key || typeof key.kty !== 'string') throw new Error(`group ${index} has no usable key`);
  return {
    name: `wycheproof-${index}`,
    type: 'resident',
    issuer: 'wycheproof',
    jwks: { keys: [{ ...key, kty: key.kty }] },
  };
}

function expected(group: Group, vector: Vector): 'valid' | 'invalid' {
  if (isSymmetric(group)) return 'invalid';
  return vector.result === 'valid' ? 'valid' : 'invalid';
}

describe('Wycheproof JSON Web Signature vectors', () => {
  it('has the structure this test accounts for', () => {
    const all = file.testGroups.flatMap((group) => group.tests);
    expect(file.numberOfTests).toBe(401);
    expect(all).toHaveLength(401);
    expect(new Set(all.map((v) => v.tcId)).size).toBe(401);
    expect(file.testGroups).toHaveLength(23);
    expect(file.testGroups.every((group) => group.type === 'JsonWebSignature')).toBe(true);
    // No JWE and no JSON-serialized objects: every vector is a string for the compact parser.
    expect(all.every((v) => typeof v.jws === 'string')).toBe(true);
    expect(all.filter((v) => v.result === 'valid')).toHaveLength(46);
    expect(all.filter((v) => v.result === 'invalid')).toHaveLength(355);
    expect(all.filter((v) => v.result === 'acceptable')).toHaveLength(0);

    const symmetric = file.testGroups.filter(isSymmetric);
    expect(symmetric).toHaveLength(4);
    expect(symmetric.flatMap((group) => group.tests)).toHaveLength(40);
    expect(
      symmetric.flatMap((group) => group.tests).filter((v) => v.result === 'valid'),
    ).toHaveLength(10);
    expect(
      file.testGroups.filter((group) => !isSymmetric(group)).flatMap((group) => group.tests),
    ).toHaveLength(361);
  });

  file.testGroups.forEach((group, index) => {
    const kind = isSymmetric(group) ? 'symmetric key, all rejected' : 'public key';
    it(`group ${index} (${group.comment}, ${group.tests.length} vectors, ${kind})`, async () => {
      const verifier = createJwsVerifier(keyManagerFor(group, index));
      const wrong: string[] = [];
      let checked = 0;
      for (const vector of group.tests) {
        const result = await verifier.verify(vector.jws as string);
        const got = result.ok ? 'valid' : 'invalid';
        const want = expected(group, vector);
        checked += 1;
        if (got !== want) {
          wrong.push(
            `tcId ${vector.tcId} (${vector.comment}): expected ${want}, got ${got}${result.ok ? '' : ` - ${result.description}`}`,
          );
        }
        if (!result.ok) expect(result.reason, `tcId ${vector.tcId}`).toBe('INVALID');
      }
      verifier.close();
      expect(wrong).toEqual([]);
      expect(checked).toBe(group.tests.length);
    });
  });

  it('accepts 36 vectors and rejects 365, as accounted for above', async () => {
    let accepted = 0;
    let rejected = 0;
    for (const [index, group] of file.testGroups.entries()) {
      const verifier = createJwsVerifier(keyManagerFor(group, index));
      for (const vector of group.tests) {
        if ((await verifier.verify(vector.jws as string)).ok) accepted += 1;
        else rejected += 1;
      }
    }
    // 46 labelled valid, minus 10 symmetric, minus 4 stricter-than-label.
    expect(accepted).toBe(36);
    expect(rejected).toBe(365);
  });
});
