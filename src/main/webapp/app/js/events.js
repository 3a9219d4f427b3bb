// The live event stream (GET /device/events). EventSource cannot send the Authorization header the
// protocol wants, so the stream is read with fetch and parsed here (data lines, blank line ends an event).

import { answerOf } from './api.js';

const MAX_RETRY_MS = 30000;

/**
 * Keeps a stream open, reconnecting with a growing pause. {@code handlers.item} gets each event's JSON,
 * {@code handlers.connected} each (re)connection, {@code handlers.refused} an ApiError that ends it
 * (a removed device, an unknown token). Answers a function that closes the stream.
 */
export function listen(token, handlers) {
    const controller = new AbortController();
    let retryMs = 1000;

    async function readStream(response) {
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        let data = [];
        for (;;) {
            const { value, done } = await reader.read();
            if (done) {
                return;
            }
            buffer += value;
            let end;
            while ((end = buffer.indexOf('\n')) >= 0) {
                const line = buffer.slice(0, end).replace(/\r$/, '');
                buffer = buffer.slice(end + 1);
                if (line.startsWith('data:')) {
                    data.push(line.slice(5).replace(/^ /, ''));
                } else if (line === '' && data.length > 0) {
                    handlers.item(JSON.parse(data.join('\n')));
                    data = [];
                }
            }
        }
    }

    async function run() {
        while (!controller.signal.aborted) {
            try {
                const response = await fetch('/api/v1/device/events', {
                    headers: { Authorization: `Device ${token}`, Accept: 'text/event-stream' },
                    cache: 'no-store',
                    signal: controller.signal,
                });
                if (!response.ok) {
                    await answerOf(response);
                }
                retryMs = 1000;
                handlers.connected();
                await readStream(response);
            } catch (failure) {
                if (controller.signal.aborted) {
                    return;
                }
                if (failure.status >= 400 && failure.status < 500) {
                    handlers.refused(failure);
                    return;
                }
            }
            handlers.disconnected();
            await new Promise(resolve => setTimeout(resolve, retryMs));
            retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        }
    }

    run();
    return () => controller.abort();
}
