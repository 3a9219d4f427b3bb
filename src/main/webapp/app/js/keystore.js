// The device key at rest. IndexedDB never holds the private key in the clear: it holds the key wrapped
// (AES-GCM) under a key derived from the PIN (PBKDF2-SHA-256), and the device token sealed the same way,
// so a copied browser profile gives neither signatures nor reads without the PIN. After the PIN, the
// private key is unwrapped as non-extractable: page scripts can sign with it but never read it out.

import { utf8, base64url, randomBytes } from './bytes.js';

const DATABASE = 'twofold-authenticator';
const STORE = 'records';
const IDENTITY = 'identity';
const THROTTLE = 'pin-throttle';

export const PBKDF2_ITERATIONS = 600000;
export const MIN_PIN_LENGTH = 6;
const KEY_LABEL = utf8('twofold device key v1');
const TOKEN_LABEL = utf8('twofold device token v1');
const SIGNING = { name: 'ECDSA', namedCurve: 'P-256' };

/** A PIN typed wrongly, or too soon after wrong ones; {@code waitMs} says how long until the next try. */
export class PinRefused extends Error {
    constructor(message, waitMs) {
        super(message);
        this.waitMs = waitMs;
    }
}

function open() {
    return new Promise((resolve, reject) => {
        const request = indexedDB.open(DATABASE, 1);
        request.onupgradeneeded = () => request.result.createObjectStore(STORE);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
    });
}

async function transact(mode, work) {
    const db = await open();
    try {
        return await new Promise((resolve, reject) => {
            const tx = db.transaction(STORE, mode);
            const request = work(tx.objectStore(STORE));
            tx.oncomplete = () => resolve(request.result);
            tx.onerror = () => reject(tx.error);
            tx.onabort = () => reject(tx.error);
        });
    } finally {
        db.close();
    }
}

const read = key => transact('readonly', store => store.get(key));
const write = (key, value) => transact('readwrite', store => store.put(value, key));
const remove = key => transact('readwrite', store => store.delete(key));

/** A new P-256 key pair; extractable only so that it can be wrapped once, see {@link seal}. */
export async function newKeyPair() {
    const keys = await crypto.subtle.generateKey(SIGNING, true, ['sign', 'verify']);
    const spki = await crypto.subtle.exportKey('spki', keys.publicKey);
    return { privateKey: keys.privateKey, publicKey: base64url(spki) };
}

async function pinKey(pin, salt, iterations) {
    const material = await crypto.subtle.importKey('raw', utf8(pin), 'PBKDF2', false, ['deriveKey']);
    return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material,
        { name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'unwrapKey', 'encrypt', 'decrypt']);
}

/**
 * Stores a newly bound device: its private key wrapped and its token sealed under the PIN, with a fresh
 * salt. {@code device} holds user, deviceId, deviceName, publicKey. Answers the unlocked session, whose key
 * is unwrapped again from what was stored: the extractable original is dropped with this call.
 */
export async function seal(pin, privateKey, token, device) {
    const salt = randomBytes(16);
    const keyIv = randomBytes(12);
    const tokenIv = randomBytes(12);
    const wrapping = await pinKey(pin, salt, PBKDF2_ITERATIONS);
    const wrappedKey = await crypto.subtle.wrapKey('pkcs8', privateKey, wrapping,
        { name: 'AES-GCM', iv: keyIv, additionalData: KEY_LABEL });
    const sealedToken = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: tokenIv, additionalData: TOKEN_LABEL },
        wrapping, utf8(token));
    const record = {
        user: device.user,
        deviceId: device.deviceId,
        deviceName: device.deviceName,
        publicKey: device.publicKey,
        kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: PBKDF2_ITERATIONS, salt },
        wrappedKey: { iv: keyIv, ciphertext: wrappedKey },
        sealedToken: { iv: tokenIv, ciphertext: sealedToken },
        boundAt: new Date().toISOString(),
    };
    await write(IDENTITY, record);
    await remove(THROTTLE);
    return opened(record, wrapping);
}

/** The session of a stored record: the key unwrapped non-extractable, the token decrypted. */
async function opened(record, wrapping) {
    const signingKey = await crypto.subtle.unwrapKey('pkcs8', record.wrappedKey.ciphertext, wrapping,
        { name: 'AES-GCM', iv: record.wrappedKey.iv, additionalData: KEY_LABEL }, SIGNING, false, ['sign']);
    const token = new TextDecoder().decode(await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: record.sealedToken.iv, additionalData: TOKEN_LABEL }, wrapping,
        record.sealedToken.ciphertext));
    return { user: record.user, deviceId: record.deviceId, deviceName: record.deviceName, signingKey, token };
}

/** The stored device without its secrets (who it is), or null when this browser holds no ID. */
export async function storedDevice() {
    const record = await read(IDENTITY);
    return record ? { user: record.user, deviceId: record.deviceId, deviceName: record.deviceName } : null;
}

/** Growing wait after wrong PINs: two typos are free, then 2 s, 4 s, 8 s … up to 15 minutes. */
export function pinWaitMs(failures) {
    return failures < 3 ? 0 : Math.min(1000 * 2 ** (failures - 2), 15 * 60 * 1000);
}

/**
 * Unwraps the key with the PIN. The failure is counted before the attempt and forgiven after it
 * succeeds, so closing the page in the middle of a guess does not skip the wait.
 */
export async function unlock(pin) {
    const record = await read(IDENTITY);
    if (!record) {
        throw new Error('This browser holds no Twofold ID.');
    }
    const throttle = (await read(THROTTLE)) || { failures: 0, lockedUntil: 0 };
    const now = Date.now();
    if (throttle.lockedUntil > now) {
        throw new PinRefused('Too many wrong PINs.', throttle.lockedUntil - now);
    }
    const failures = throttle.failures + 1;
    const waitMs = pinWaitMs(failures);
    await write(THROTTLE, { failures, lockedUntil: now + waitMs });
    let session;
    try {
        session = await opened(record, await pinKey(pin, record.kdf.salt, record.kdf.iterations));
    } catch {
        // AES-GCM's tag check fails for any other PIN: that is the only way a PIN is known to be wrong
        throw new PinRefused('Wrong PIN.', waitMs);
    }
    await write(THROTTLE, { failures: 0, lockedUntil: 0 });
    return session;
}

/** Deletes the ID from this browser: the wrapped key, the sealed token and the PIN counter. */
export async function wipe() {
    await remove(IDENTITY);
    await remove(THROTTLE);
}
