// The unlocked device: its non-extractable signing key and token live only in this module's memory,
// never in storage. Every call goes through here, so a 410 from any of them ends the device the same way.

import { call, ApiError } from './api.js';
import { wipe } from './keystore.js';

let session = null;
let removedHandler = () => {};
let gone = false;

export function start(unlocked, onRemoved) {
    session = unlocked;
    removedHandler = onRemoved;
    gone = false;
}

export function current() {
    return session;
}

/** Forgets the key and token (lock); the wrapped copies stay in storage for the next PIN. */
export function lock() {
    session = null;
}

/** A call signed with the device key, with the device token. */
export function signed(method, path, body) {
    return guarded(() => call(method, path, { body, signWith: session.signingKey, token: session.token }));
}

/** A read with the device token only. */
export function read(path) {
    return guarded(() => call('GET', path, { token: session.token }));
}

/**
 * PROTOCOL.md: a device that gets 410 device-removed must delete its key. One exception: a device wiped by a
 * restore may still block that restore's newcomer for 24 h, so then the key stays until the owner decides.
 */
export async function removed(problem) {
    // the event stream and a call in flight may both learn of the removal: the first one tells the user
    if (gone) {
        return;
    }
    gone = true;
    if (!problem.notificationId) {
        await wipe();
        session = null;
    }
    removedHandler(problem);
}

async function guarded(work) {
    try {
        return await work();
    } catch (failure) {
        if (failure instanceof ApiError && failure.code === 'device-removed') {
            await removed(failure.problem);
        }
        throw failure;
    }
}

/** After the owner's decision on a restore that removed this device: the key goes now. */
export async function forget() {
    await wipe();
    session = null;
}
