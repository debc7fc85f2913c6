/**
 * Who made a revision or a push: `git config user.name` in the workspace (what the
 * team already sees in its history), else the OS user, else "unknown".
 */
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';

export function osUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    // userInfo throws when the uid has no passwd entry (some containers).
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

export function currentAuthor(cwd: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('git', ['config', 'user.name'], { cwd, timeout: 5000 }, (error, stdout) => {
      const name = error ? '' : stdout.trim();
      resolve(name || osUser());
    });
  });
}
