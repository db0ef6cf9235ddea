// runtime.onConnect for WXT's fake browser, which does not implement ports: the background's
// listeners are kept here, and a test connects a port to them as a content script would.
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

type Listener = (message: unknown) => void;
type ConnectListener = (port: FakePort) => void;

export interface FakePort {
  name: string;
  sender: { id?: string; url?: string };
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: Listener): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface TestPort {
  /** Sends a request and waits (up to `waitMs`) for the answer to it. */
  ask(message: unknown, id?: number, waitMs?: number): Promise<unknown>;
  /** Whether the background closed the port. */
  readonly closed: boolean;
}

let listeners: ConnectListener[] = [];

/** Call before `background.main()`. */
export function stubPorts(): void {
  listeners = [];
  vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(((listener: ConnectListener) => void listeners.push(listener)) as never);
}

/** A port carries JSON, as Chromium's ports do. */
const carried = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

export function connectPort(name: string, sender: { id?: string; url?: string }): TestPort {
  const toBackground: Listener[] = [];
  const waiting = new Map<unknown, (answer: unknown) => void>();
  let closed = false;
  const port: FakePort = {
    name,
    sender,
    postMessage: (message) => {
      const answer = carried(message) as { id?: unknown };
      waiting.get(answer.id)?.(answer);
    },
    disconnect: () => void (closed = true),
    onMessage: { addListener: (listener) => void toBackground.push(listener) },
    onDisconnect: { addListener: () => undefined },
  };
  for (const listener of listeners) listener(port);
  let lastId = 0;
  return {
    get closed() {
      return closed;
    },
    ask(message, id = ++lastId, waitMs = 2_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`No answer to request ${String(id)}`));
        }, waitMs);
        waiting.set(id, (answer) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(answer);
        });
        for (const listener of toBackground) listener(carried({ id, message }));
      });
    },
  };
}
