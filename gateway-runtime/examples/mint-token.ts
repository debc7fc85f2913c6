/**
 * Mints a JWT access token from the demo resident key manager of
 * petstore.bundle.yaml. Usage:
 *   npx tsx gateway-runtime/examples/mint-token.ts [--scope "pets:write"] [--client mobile-client] [--ttl 3600]
 * Prints the token on stdout.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importJWK, SignJWT, type JWK } from 'jose';

const { values } = parseArgs({
  options: {
    scope: { type: 'string', default: '' },
    client: { type: 'string', default: 'mobile-client' },
    subject: { type: 'string', default: 'demo-user' },
    audience: { type: 'string', default: 'petstore' },
    ttl: { type: 'string', default: '3600' },
  },
});

const { jwk } = JSON.parse(
  readFileSync(new URL('./resident-demo-key.json', import.meta.url), 'utf8'),
) as { jwk: JWK };
const key = await importJWK(jwk, 'ES256');
const token = await new SignJWT({ azp: values.client, scope: values.scope })
  .setProtectedHeader({ alg: 'ES256', kid: jwk.kid ?? 'portico-demo-1', typ: 'at+jwt' })
  .setIssuer('portico-local')
  .setSubject(values.subject)
  .setAudience(values.audience)
  .setIssuedAt()
  .setExpirationTime(`${Number(values.ttl)}s`)
  .sign(key);
process.stdout.write(`${token}\n`);
