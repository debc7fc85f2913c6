/**
 * The studio's Content-Security-Policy, one string for every place that sets it:
 * the Electron session's response headers, the web host's headers, and the
 * `<meta http-equiv>` in `renderer/index.html` (a unit test keeps them equal).
 *
 * Why each relaxation exists: `style-src 'unsafe-inline'` because Monaco and React
 * set inline styles; `data:` images and fonts for Monaco's codicons and small
 * icons; `worker-src blob:` for Monaco's language workers. Scripts come only from
 * the app itself, nothing may frame it, and it talks only to its own origin
 * (the web host's `/ipc` and `/events`).
 *
 * This file imports nothing, so the web host (plain Node) can use it too.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Directives a browser ignores (and complains about) in a `<meta>` policy; they
 * only work as a header, which both hosts send.
 */
export const HEADER_ONLY_DIRECTIVES: readonly string[] = ['frame-ancestors'];

/** The policy as `renderer/index.html` may carry it in its meta tag. */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !HEADER_ONLY_DIRECTIVES.includes(directive.split(' ')[0] ?? ''))
  .join('; ');
