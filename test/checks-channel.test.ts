// The sidebar's port to the background's checks: answers by id, a port opened again after the
// background stopped, and no ask left waiting.
import { describe, expect, it } from 'vitest';
import { ChecksChannel, type PortLike } from '../components/checks-channel';
import type { Message } from '../lib/messages';

const CHECK: Message = { type: 'check-invitation', list: 'tab:1', drafts: [], note: {} };

class TestPort implements PortLike {
  sent: { id: number; message: unknown }[] = [];
  closed = false;
  private listeners: ((message: unknown) => void)[] = [];
  private closers: (() => void)[] = [];
  postMessage(message: unknown): void {
    if (this.closed) throw new Error('Attempting to use a disconnected port object');
    this.sent.push(message as { id: number; message: unknown });
  }
  disconnect(): void {
    this.closed = true;
  }
  onMessage = { addListener: (listener: (message: unknown) => void) => void this.listeners.push(listener) };
  onDisconnect = { addListener: (listener: () => void) => void this.closers.push(listener) };
  answer(value: unknown): void {
    for (const listener of this.listeners) listener(value);
  }
  /** The background stopped: the browser closes the port from its end. */
  stop(): void {
    this.closed = true;
    for (const closer of this.closers) closer();
  }
}

function channel() {
  const ports: TestPort[] = [];
  const c = new ChecksChannel(() => {
    const port = new TestPort();
    ports.push(port);
    return port;
  });
  return { c, ports };
}

describe('ChecksChannel', () => {
  it('opens one port and matches each answer to its ask, in any order', async () => {
    const { c, ports } = channel();
    const first = c.ask(CHECK);
    const second = c.ask({ ...CHECK, list: 'tab:2' });
    expect(ports).toHaveLength(1);
    const [a, b] = ports[0]!.sent;
    ports[0]!.answer({ id: b!.id, reply: { ok: true, report: 'second' } });
    ports[0]!.answer({ id: a!.id, reply: { ok: true, report: 'first' } });
    expect(await first).toEqual({ ok: true, report: 'first' });
    expect(await second).toEqual({ ok: true, report: 'second' });
  });

  it('ignores answers to nothing it asked, and answers that are not answers', async () => {
    const { c, ports } = channel();
    const asked = c.ask(CHECK);
    const port = ports[0]!;
    for (const junk of [null, 'ok', { id: 99, reply: { ok: true } }, { id: '1', reply: { ok: true } }, { reply: { ok: true } }]) port.answer(junk);
    port.answer({ id: port.sent[0]!.id, reply: { ok: 'yes' } });
    expect(await asked).toEqual({ ok: false, error: 'Invite Guard’s background sent an unreadable answer.', retry: true });
  });

  it('asks again on a new port when the background stopped before answering, once', async () => {
    const { c, ports } = channel();
    const asked = c.ask(CHECK);
    ports[0]!.stop();
    expect(ports).toHaveLength(2);
    expect(ports[1]!.sent[0]!.message).toEqual(CHECK);
    ports[1]!.stop();
    expect(await asked).toEqual({ ok: false, error: 'Invite Guard’s background is not reachable (it stopped).', retry: true });
    // The next ask opens a port again.
    void c.ask(CHECK);
    expect(ports).toHaveLength(3);
  });

  it('answers "not reachable" when no port can be opened, and when the sidebar closes', async () => {
    const failing = new ChecksChannel(() => {
      throw new Error('Extension context invalidated.');
    });
    expect(await failing.ask(CHECK)).toEqual({ ok: false, error: 'Invite Guard’s background is not reachable (Extension context invalidated.).', retry: true });
    const { c, ports } = channel();
    const asked = c.ask(CHECK);
    c.close();
    expect(ports[0]!.closed).toBe(true);
    expect(await asked).toMatchObject({ ok: false, error: expect.stringContaining('the sidebar closed') });
  });
});
