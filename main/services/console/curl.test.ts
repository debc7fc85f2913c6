import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote, toCurl } from './curl.js';

/** What a real POSIX shell makes of a quoted word: printf prints it back. */
function throughShell(word: string): string {
  return execFileSync('/bin/sh', ['-c', `printf '%s' ${word}`], { encoding: 'utf8' });
}

describe('shellQuote', () => {
  it('leaves plain words bare and quotes everything else', () => {
    expect(shellQuote('GET')).toBe('GET');
    expect(shellQuote('http://127.0.0.1:8280/petstore/1.0.0/pets')).toBe(
      'http://127.0.0.1:8280/petstore/1.0.0/pets',
    );
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b')).toBe("'a b'");
  });

  it.each(["it's", '$HOME `id` $(id) !!', 'a\nb', '\'"\\', 'apikey: k$y&1|2;3', '*?[a]'])(
    'round-trips %j through /bin/sh unchanged',
    (value) => {
      expect(throughShell(shellQuote(value))).toBe(value);
    },
  );
});

describe('toCurl', () => {
  it('writes a GET without -X and headers with -H', () => {
    expect(
      toCurl({
        method: 'GET',
        url: 'http://127.0.0.1:8280/petstore/1.0.0/pets?limit=2&tag=a b',
        headers: [{ name: 'apikey', value: "k'1" }],
        body: null,
      }),
    ).toBe(
      `curl 'http://127.0.0.1:8280/petstore/1.0.0/pets?limit=2&tag=a b' \\\n  -H 'apikey: k'\\''1'`,
    );
  });

  it('sends a body with --data-raw and names a method curl would not imply', () => {
    const command = toCurl({
      method: 'PUT',
      url: 'http://h/p',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      body: '{"name":"@rex"}',
    });
    expect(command).toContain('-X PUT');
    expect(command).toContain(`--data-raw '{"name":"@rex"}'`);
    expect(toCurl({ method: 'POST', url: 'http://h/p', headers: [], body: 'x' })).not.toContain(
      '-X',
    );
    expect(toCurl({ method: 'DELETE', url: 'http://h/p', headers: [], body: null })).toContain(
      '-X DELETE',
    );
  });
});

describe('the whole command', () => {
  it('gives curl exactly the intended arguments when a shell runs it', () => {
    const command = toCurl({
      method: 'PATCH',
      url: "http://127.0.0.1:1/p?q=it's $x",
      headers: [{ name: 'X-Note', value: '`rm -rf`; "quoted"' }],
      body: '{\n  "a": "it\'s"\n}',
    });
    // A shell function stands in for curl and prints each argument it received.
    const script = `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${command}`;
    const args = execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8' }).split('\0');
    expect(args.slice(0, -1)).toEqual([
      '-X',
      'PATCH',
      "http://127.0.0.1:1/p?q=it's $x",
      '-H',
      'X-Note: `rm -rf`; "quoted"',
      '--data-raw',
      '{\n  "a": "it\'s"\n}',
    ]);
  });
});
