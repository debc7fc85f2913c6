/** Messages the gateway child process (src/child.ts) sends to the studio. */
export type ChildMessage =
  | { type: 'listening'; listeners: string[]; adminUrl: string }
  | { type: 'error'; message: string }
  | { type: 'stopped' };

/** Messages the studio sends to the gateway child process. */
export type ParentMessage = { type: 'shutdown' };
