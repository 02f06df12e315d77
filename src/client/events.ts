/**
 * The terminal's live channel: `GET /v1/terminals/me/events` (Server-Sent Events).
 *
 * Browsers' EventSource cannot send an Authorization header, so the stream is read with fetch()
 * and a ReadableStream reader, and parsed here. When the stream drops it reconnects with
 * exponential backoff and `Last-Event-ID`, so no committed event is missed; while it is down, the
 * orders the caller is watching are polled every 2 s, so the screen still follows them.
 */
import { createClient } from './client.ts';
import type { EventView, OrderView } from './types.ts';

export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/** Bounds of the reconnect loop and the fallback poll. */
export const eventsBackoffMsMin = 500;
export const eventsBackoffMsMax = 30_000;
export const eventsPollIntervalMs = 2_000;
/** A line longer than this is a broken stream, not an event. */
const sseLineCharsMax = 1_000_000;

/**
 * An incremental SSE parser (the WHATWG event-stream rules: `field: value` lines, a blank line
 * ends a message, `:` starts a comment, `data` lines join with "\n", CR, LF and CRLF all end a
 * line). Feed it text chunks as they arrive, cut anywhere.
 */
export function createSseParser(onMessage: (message: SseMessage) => void) {
  let buffer = '';
  let id: string | null = null;
  let event = '';
  let data: string[] = [];
  let pendingCR = false;
  const dispatch = () => {
    if (data.length > 0) onMessage({ id, event: event || 'message', data: data.join('\n') });
    event = '';
    data = [];
  };
  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) id = value;
  };
  return {
    push(chunk: string) {
      let text = chunk;
      if (pendingCR && text.startsWith('\n')) text = text.slice(1);
      pendingCR = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (c !== '\n' && c !== '\r') continue;
        line(buffer.slice(start, i));
        if (c === '\r') {
          if (i + 1 === buffer.length) pendingCR = true;
          else if (buffer[i + 1] === '\n') i += 1;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
      if (buffer.length > sseLineCharsMax) throw new Error('event stream line too long');
    },
    /** The id of the last message seen (what Last-Event-ID resends). */
    lastId: () => id,
  };
}

export type StreamState = 'connecting' | 'open' | 'down';

export interface TerminalEventsOptions {
  baseUrl: string;
  key: string;
  onEvent(event: EventView): void;
  onState?(state: StreamState): void;
  /** Orders to poll every 2 s while the stream is down; their latest view comes to onOrder. */
  watchedOrders?: () => readonly string[];
  onOrder?(order: OrderView): void;
  /** Resume after this event (e.g. saved by the page before a reload). */
  lastEventId?: string | null;
  fetch?: typeof fetch;
  backoffMsMin?: number;
  backoffMsMax?: number;
  pollIntervalMs?: number;
}

export interface TerminalEvents {
  close(): void;
  lastEventId(): string | null;
  state(): StreamState;
}

/** Follows the terminal's events until close(); never throws (failures become state 'down'). */
export function subscribeTerminalEvents(options: TerminalEventsOptions): TerminalEvents {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const client = createClient({ baseUrl: options.baseUrl, key: options.key, fetch: doFetch });
  const backoffMin = options.backoffMsMin ?? eventsBackoffMsMin;
  const backoffMax = options.backoffMsMax ?? eventsBackoffMsMax;
  const pollMs = options.pollIntervalMs ?? eventsPollIntervalMs;
  let lastEventId = options.lastEventId ?? null;
  let state: StreamState = 'connecting';
  let closed = false;
  let abort: AbortController | null = null;
  let pollTimer: ReturnType<typeof setInterval> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const setState = (next: StreamState) => {
    if (next === state) return;
    state = next;
    if (next === 'down') startPolling();
    if (next === 'open') stopPolling();
    options.onState?.(next);
  };
  const poll = async () => {
    for (const id of options.watchedOrders?.() ?? []) {
      try {
        const order = await client.getOrder(id);
        if (!closed) options.onOrder?.(order);
      } catch {
        // still down; the next tick tries again
      }
    }
  };
  function startPolling() {
    if (pollTimer !== null || !options.onOrder) return;
    void poll();
    pollTimer = setInterval(() => void poll(), pollMs);
  }
  function stopPolling() {
    if (pollTimer !== null) clearInterval(pollTimer);
    pollTimer = null;
  }

  const readOnce = async (): Promise<boolean> => {
    abort = new AbortController();
    const headers: Record<string, string> = {
      accept: 'text/event-stream',
      authorization: `Bearer ${options.key}`,
    };
    if (lastEventId !== null) headers['last-event-id'] = lastEventId;
    const response = await doFetch(`${options.baseUrl}/v1/terminals/me/events`, {
      headers,
      signal: abort.signal,
      cache: 'no-store',
    });
    if (!response.ok || !response.body) return false;
    setState('open');
    // Once open, orders may have moved while the stream was down: one poll catches them up.
    void poll();
    const parser = createSseParser((message) => {
      if (message.id !== null) lastEventId = message.id;
      if (message.data === '') return;
      try {
        options.onEvent(JSON.parse(message.data) as EventView);
      } catch {
        // not an event of ours (a keep-alive or a future format): skip it
      }
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done || closed) return true;
      parser.push(value);
    }
  };

  const loop = async () => {
    let attempt = 0;
    while (!closed) {
      setState(state === 'open' ? 'down' : state);
      let wasOpen = false;
      try {
        wasOpen = await readOnce();
      } catch {
        wasOpen = false;
      }
      if (closed) return;
      setState('down');
      attempt = wasOpen ? 0 : attempt + 1;
      const ceiling = Math.min(backoffMax, backoffMin * 2 ** Math.min(attempt, 16));
      const delay = ceiling / 2 + Math.random() * (ceiling / 2);
      await new Promise<void>((resolve) => {
        retryTimer = setTimeout(resolve, delay);
      });
    }
  };
  void loop();

  return {
    close() {
      closed = true;
      abort?.abort();
      stopPolling();
      if (retryTimer !== null) clearTimeout(retryTimer);
    },
    lastEventId: () => lastEventId,
    state: () => state,
  };
}
