import { describe, expect, it } from 'vitest';
import { resolveVendor } from './registry.js';
import { promptText, readClientRequest, requestedModel, upstreamBody } from './request.js';

const openai = resolveVendor('openai', []).spec;
const azure = resolveVendor('azure-openai', []).spec;
const anthropic = resolveVendor('anthropic', []).spec;
const req = (body: string) => readClientRequest(Buffer.from(body));

describe('AI request', () => {
  it('splices stream_options.include_usage into a streamed chat call, keeping the rest byte for byte', () => {
    const text =
      ' {\n  "model": "gpt-4.1-nano", "seed": 12345678901234567890, "stream": true,\n "messages": [] }';
    const out = upstreamBody(openai, req(text), null, '/v1/chat/completions');
    expect(out.injectedUsage).toBe(true);
    expect(out.body.toString()).toBe(
      ' {"stream_options":{"include_usage":true},\n  "model": "gpt-4.1-nano", "seed": 12345678901234567890, "stream": true,\n "messages": [] }',
    );
    expect(JSON.parse(out.body.toString())).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('leaves the body alone when the client asked for usage, did not stream, or the path has no such option', () => {
    const asked = '{"stream":true,"stream_options":{"include_usage":true}}';
    expect(upstreamBody(openai, req(asked), null, '/chat/completions')).toEqual({
      body: Buffer.from(asked),
      injectedUsage: false,
    });
    const plain = '{"stream":false}';
    expect(upstreamBody(openai, req(plain), null, '/chat/completions').injectedUsage).toBe(false);
    expect(upstreamBody(openai, req('{"stream":true}'), null, '/responses').injectedUsage).toBe(
      false,
    );
    expect(
      upstreamBody(anthropic, req('{"stream":true}'), null, '/v1/messages').injectedUsage,
    ).toBe(false);
  });

  it('turns an explicit include_usage false into true, and pins the endpoint model', () => {
    const out = upstreamBody(
      openai,
      req('{"model":"gpt-4o","stream":true,"stream_options":{"include_usage":false}}'),
      'gpt-4o-mini',
      '/chat/completions',
    );
    expect(out.injectedUsage).toBe(true);
    expect(JSON.parse(out.body.toString())).toEqual({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('finds the requested model in the body, or in Azure’s deployment path', () => {
    expect(requestedModel(openai, req('{"model":"gpt-4.1"}'), {}, '/v1/chat/completions')).toBe(
      'gpt-4.1',
    );
    expect(
      requestedModel(
        azure,
        req('{"messages":[]}'),
        {},
        '/openai/deployments/my-gpt%2D4o/chat/completions',
      ),
    ).toBe('my-gpt-4o');
    expect(requestedModel(openai, req('not json'), {}, '/')).toBeNull();
  });

  it('collects prompt text for estimates', () => {
    const body = req(
      '{"system":"Be brief.","messages":[{"role":"user","content":"Hi"},{"role":"user","content":[{"type":"text","text":"there"},{"type":"image"}]}]}',
    );
    expect(promptText(anthropic, body)).toEqual(['Be brief.', 'Hi', 'there']);
  });
});
