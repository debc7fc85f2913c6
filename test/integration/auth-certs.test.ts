// The certificate helper and client-certificate matching over a real TLS handshake:
// an HTTPS server on 127.0.0.1 with the helper's server certificate and CA, clients
// presenting CA-signed, unregistered and self-signed certificates.
import { X509Certificate } from 'node:crypto';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  matchClientCertificate,
  type CertificateMatch,
} from '../../gateway-runtime/src/auth/index.js';
import type { MtlsCertificate } from '../../gateway-runtime/src/model/bundle.js';
import {
  createTestCertificates,
  type TestCertificate,
  type TestCertificates,
} from './helpers/certs.js';

interface Seen {
  authorized: boolean;
  match: CertificateMatch | null;
}

let certs: TestCertificates;
let server: Server;
let port: number;
let registered: MtlsCertificate[];

beforeAll(async () => {
  certs = await createTestCertificates({ clients: ['partner-a', 'partner-b'] });
  const partnerA = certs.clients['partner-a'];
  if (!partnerA) throw new Error('helper made no partner-a');
  // partner-a is registered for PRODUCTION on the Gold plan, the stranger is pinned for
  // SANDBOX; partner-b is signed by the CA but registered nowhere.
  registered = [
    { alias: 'partner-a', keyType: 'PRODUCTION', pem: partnerA.certPem, plan: 'Gold' },
    { alias: 'stranger', keyType: 'SANDBOX', pem: certs.stranger.certPem },
  ];
  server = createServer(
    {
      cert: certs.server.certPem,
      key: certs.server.keyPem,
      ca: certs.ca.certPem,
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      const socket = req.socket as TLSSocket;
      const der = socket.getPeerCertificate(true).raw;
      const seen: Seen = {
        authorized: socket.authorized,
        match: der ? matchClientCertificate(registered, der) : null,
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(seen));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await certs?.cleanup();
});

/** One request to the server on 127.0.0.1; `servername` makes the client verify that name instead of the IP. */
function call(client: TestCertificate | null, servername?: string): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        ...(servername ? { servername } : {}),
        path: '/',
        ca: certs.ca.certPem,
        ...(client ? { cert: client.certPem, key: client.keyPem } : {}),
        agent: false,
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString()) as Seen));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

describe('createTestCertificates', () => {
  it('makes a CA, a server certificate for 127.0.0.1 and localhost, client certificates and a stranger', () => {
    const ca = new X509Certificate(certs.ca.certPem);
    expect(ca.ca).toBe(true);
    const serverCert = new X509Certificate(certs.server.certPem);
    expect(serverCert.subjectAltName).toContain('DNS:localhost');
    expect(serverCert.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(serverCert.checkIssued(ca)).toBe(true);
    expect(serverCert.verify(ca.publicKey)).toBe(true);
    for (const name of ['partner-a', 'partner-b']) {
      const client = new X509Certificate(certs.clients[name]?.certPem ?? '');
      expect(client.subject).toBe(`CN=${name}`);
      expect(client.verify(ca.publicKey)).toBe(true);
    }
    const stranger = new X509Certificate(certs.stranger.certPem);
    expect(stranger.verify(ca.publicKey)).toBe(false);
    expect(stranger.issuer).toBe(stranger.subject);
    expect(stranger.verify(stranger.publicKey)).toBe(true);
    expect(certs.server.certPath.startsWith(certs.dir)).toBe(true);
  });

  it('serves HTTPS that a client trusting the CA accepts by IP and by name', async () => {
    await expect(call(null)).resolves.toMatchObject({ authorized: false, match: null });
    await expect(call(null, 'localhost')).resolves.toMatchObject({ authorized: false });
    await expect(call(null, 'not-the-server.example')).rejects.toThrow(/altnames|Hostname/i);
  });
});

describe('matchClientCertificate over TLS', () => {
  it('maps a registered, CA-signed client certificate to its alias, key type and plan', async () => {
    const seen = await call(certs.clients['partner-a'] ?? null);
    expect(seen).toEqual({
      authorized: true,
      match: { alias: 'partner-a', keyType: 'PRODUCTION', plan: 'Gold' },
    });
  });

  it('matches nothing for a CA-signed certificate that is not registered', async () => {
    expect(await call(certs.clients['partner-b'] ?? null)).toEqual({
      authorized: true,
      match: null,
    });
  });

  it('matches a pinned self-signed certificate, which the TLS layer reports as unauthorized', async () => {
    // The authenticate stage refuses it when a client CA is configured (socket.authorized is false).
    expect(await call(certs.stranger)).toEqual({
      authorized: false,
      match: { alias: 'stranger', keyType: 'SANDBOX', plan: null },
    });
  });
});
