/**
 * Throwaway X.509 material for HTTPS and mTLS tests, made with the `openssl` CLI in a
 * temp dir: a CA, a server certificate for 127.0.0.1 and localhost (subjectAltName),
 * client certificates signed by the CA, and a self-signed stranger the CA never saw.
 * EC P-256 keys keep generation fast.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const OPENSSL = process.env.OPENSSL ?? '/usr/bin/openssl';

/** A certificate and its private key, as files and as PEM text. */
export interface TestCertificate {
  name: string;
  certPath: string;
  keyPath: string;
  certPem: string;
  keyPem: string;
}

export interface TestCertificates {
  dir: string;
  ca: TestCertificate;
  /** Signed by the CA; subjectAltName DNS:localhost, IP:127.0.0.1; serverAuth. */
  server: TestCertificate;
  /** Signed by the CA; clientAuth; CN is the name. */
  clients: Record<string, TestCertificate>;
  /** Self-signed, clientAuth: presents fine, verifies against nothing. */
  stranger: TestCertificate;
  /** Removes the temp dir. */
  cleanup(): Promise<void>;
}

export interface CreateTestCertificatesOptions {
  /** Names of client certificates to issue (default `partner-a`, `partner-b`). */
  clients?: readonly string[];
  /** Validity in days (default 30). */
  days?: number;
}

const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function openssl(args: string[], cwd: string): Promise<void> {
  await run(OPENSSL, args, { cwd, timeout: 30_000 });
}

async function load(dir: string, name: string): Promise<TestCertificate> {
  const certPath = join(dir, `${name}.crt`);
  const keyPath = join(dir, `${name}.key`);
  return {
    name,
    certPath,
    keyPath,
    certPem: await readFile(certPath, 'utf8'),
    keyPem: await readFile(keyPath, 'utf8'),
  };
}

async function selfSigned(
  dir: string,
  name: string,
  subject: string,
  extensions: string[],
  days: number,
): Promise<TestCertificate> {
  await openssl(
    [
      'req',
      '-x509',
      ...newKey,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
      '-days',
      String(days),
      '-subj',
      subject,
      ...extensions.flatMap((ext) => ['-addext', ext]),
    ],
    dir,
  );
  return load(dir, name);
}

async function signedByCa(
  dir: string,
  name: string,
  subject: string,
  extensions: string[],
  days: number,
): Promise<TestCertificate> {
  await openssl(
    ['req', '-new', ...newKey, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject],
    dir,
  );
  await writeFile(join(dir, `${name}.ext`), extensions.join('\n') + '\n');
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-set_serial',
      `0x${randomBytes(8).toString('hex')}`,
      '-days',
      String(days),
      '-sha256',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.crt`,
    ],
    dir,
  );
  return load(dir, name);
}

/** Makes the CA, server, client and stranger certificates; call `cleanup()` in `afterAll`. */
export async function createTestCertificates(
  options: CreateTestCertificatesOptions = {},
): Promise<TestCertificates> {
  const days = options.days ?? 30;
  const names = options.clients ?? ['partner-a', 'partner-b'];
  for (const name of names) {
    if (!/^[a-z0-9-]+$/.test(name) || ['ca', 'server', 'stranger'].includes(name))
      throw new Error(`bad client name ${name}`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'portico-certs-'));
  try {
    const ca = await selfSigned(
      dir,
      'ca',
      '/CN=Portico Test CA',
      ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign'],
      days,
    );
    const server = await signedByCa(
      dir,
      'server',
      '/CN=localhost',
      [
        'basicConstraints=CA:FALSE',
        'keyUsage=critical,digitalSignature',
        'extendedKeyUsage=serverAuth',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      days,
    );
    const clients: Record<string, TestCertificate> = {};
    for (const name of names) {
      clients[name] = await signedByCa(
        dir,
        name,
        `/CN=${name}`,
        [
          'basicConstraints=CA:FALSE',
          'keyUsage=critical,digitalSignature',
          'extendedKeyUsage=clientAuth',
        ],
        days,
      );
    }
    const stranger = await selfSigned(
      dir,
      'stranger',
      '/CN=stranger',
      [
        'basicConstraints=CA:FALSE',
        'keyUsage=critical,digitalSignature',
        'extendedKeyUsage=clientAuth',
      ],
      days,
    );
    return {
      dir,
      ca,
      server,
      clients,
      stranger,
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
