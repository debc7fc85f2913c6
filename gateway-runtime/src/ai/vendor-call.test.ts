import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { VendorCall, type VendorSink } from './vendor-call.js';

/** A stand-in for undici's controller: records pauses, resumes and aborts. */
function controller() {
  const log: string[] = [];
  const c = {
    aborted: false,
    paused: false,
    reason: null,
    abort: (reason: Error) => {
      c.aborted = true;
      log.push(`abort: ${reason.message}`);
    },
    pause: () => log.push('pause'),
    resume: () => log.push('resume'),
  };
  return { c: c as Dispatcher.DispatchController, log };
}

/** A sink that records what it got; `full` makes it ask for a pause. */
function sink(full = false) {
  const got: string[] = [];
  const s: VendorSink = {
    data: (chunk) => {
      got.push(chunk.toString());
      return !full;
    },
    end: () => got.push('<end>'),
    error: (error) => got.push(`<error: ${error.message}>`),
  };
  return { s, got };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('VendorCall', () => {
  it('gives the head, then the first chunk, then streams the rest joined per read', async () => {
    const call = new VendorCall();
    const { c } = controller();
    call.onRequestStart(c);
    call.onResponseStart(c, 200, { 'content-type': 'text/event-stream' });
    expect(await call.head()).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'text/event-stream' },
    });
    call.onResponseData(c, Buffer.from('a'));
    await call.firstChunk();
    const { s, got } = sink();
    call.stream(s);
    expect(got).toEqual(['a']);
    // Three frames of one socket read: one chunk for the sink.
    call.onResponseData(c, Buffer.from('b'));
    call.onResponseData(c, Buffer.from('c'));
    call.onResponseData(c, Buffer.from('d'));
    expect(got).toEqual(['a']);
    await tick();
    call.onResponseData(c, Buffer.from('e'));
    call.onResponseEnd();
    expect(got).toEqual(['a', 'bcd', 'e', '<end>']);
  });

  it('pauses the vendor while the sink is full and resumes on request', async () => {
    const call = new VendorCall();
    const { c, log } = controller();
    call.onRequestStart(c);
    call.onResponseStart(c, 200, {});
    call.onResponseData(c, Buffer.from('a'));
    const { s } = sink(true);
    call.stream(s);
    expect(log).toEqual(['pause']);
    call.resume();
    call.onResponseData(c, Buffer.from('b'));
    await tick();
    expect(log).toEqual(['pause', 'resume', 'pause']);
  });

  it('rejects before the head, and after it hands over what came before the error', async () => {
    const early = new VendorCall();
    const { c } = controller();
    early.onRequestStart(c);
    early.onResponseError(c, new Error('refused'));
    await expect(early.head()).rejects.toThrow('refused');

    const late = new VendorCall();
    late.onRequestStart(c);
    late.onResponseStart(c, 200, {});
    late.onResponseData(c, Buffer.from('a'));
    const { s, got } = sink();
    late.stream(s);
    late.onResponseData(c, Buffer.from('b'));
    late.onResponseError(c, new Error('reset'));
    expect(got).toEqual(['a', 'b', '<error: reset>']);
  });

  it('aborts a call still queued when the client already left, and cuts a long discarded answer', () => {
    const queued = new VendorCall();
    queued.abort(new Error('client closed'));
    const { c, log } = controller();
    queued.onRequestStart(c);
    expect(log).toEqual(['abort: client closed']);

    const retried = new VendorCall();
    const second = controller();
    retried.onRequestStart(second.c);
    retried.onResponseStart(second.c, 429, {});
    retried.discard();
    retried.onResponseData(second.c, Buffer.alloc(512 * 1024));
    expect(second.log).toEqual(['resume']);
    retried.onResponseData(second.c, Buffer.alloc(1024 * 1024));
    expect(second.log).toEqual(['resume', 'abort: discarded answer too long']);
  });
});
