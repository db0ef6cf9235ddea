// The sidebar's line to the background's checks: one port, opened on the first ask, and opened
// again after the background stopped (a stopped service worker closes its ports). Answers come back
// by id. An ask the closed port left unanswered is asked once more on a new port; after that it is
// answered "not reachable", so nothing waits forever.
import type { Message } from '../lib/messages';
import { readPortAnswer, type Reply } from '../lib/reply';
import type { Send } from './messaging';

/** What the channel uses of runtime.Port. */
export interface PortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

type Answer = Reply<Record<string, unknown>>;

interface Waiting {
  message: Message;
  resolve: (answer: Answer) => void;
  /** Asked again already, after a port closed on it. */
  again: boolean;
}

const unreachable = (why: string): Answer => ({ ok: false, error: `Invite Guard’s background is not reachable (${why}).`, retry: true });

export class ChecksChannel {
  private port: PortLike | null = null;
  private lastId = 0;
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly connect: () => PortLike) {}

  readonly ask: Send = (message: Message) => new Promise<Answer>((resolve) => this.post({ message, resolve, again: false }));

  close(): void {
    const port = this.port;
    this.port = null;
    port?.disconnect();
    for (const ask of this.takeWaiting()) ask.resolve(unreachable('the sidebar closed'));
  }

  private post(ask: Waiting): void {
    const id = ++this.lastId;
    this.waiting.set(id, ask);
    try {
      this.open().postMessage({ id, message: ask.message });
    } catch (error) {
      this.waiting.delete(id);
      this.port = null;
      ask.resolve(unreachable(error instanceof Error ? error.message : String(error)));
    }
  }

  private open(): PortLike {
    if (this.port) return this.port;
    const port = this.connect();
    port.onMessage.addListener((value) => {
      const answer = readPortAnswer(value);
      const ask = answer && this.waiting.get(answer.id);
      if (!answer || !ask) return;
      this.waiting.delete(answer.id);
      ask.resolve(answer.reply);
    });
    port.onDisconnect.addListener(() => {
      if (this.port !== port) return;
      this.port = null;
      for (const ask of this.takeWaiting()) {
        if (ask.again) ask.resolve(unreachable('it stopped'));
        else this.post({ ...ask, again: true });
      }
    });
    this.port = port;
    return port;
  }

  private takeWaiting(): Waiting[] {
    const asks = [...this.waiting.values()];
    this.waiting.clear();
    return asks;
  }
}
