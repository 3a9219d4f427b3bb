// PROTOCOL.md from the browser: JSON calls under /api/v1, signed calls (ECDSA P-256 over
// METHOD \n PATH \n TIMESTAMP \n base64url(SHA-256(body))), and problem details turned into errors.

import { utf8, base64url } from './bytes.js';

const BASE = '/api/v1';

/** A refused call: {@code code} is the protocol's stable code, the message the appliance's own words. */
export class ApiError extends Error {
    constructor(status, problem) {
        super(problem.detail || problem.title || `The appliance answered with status ${status}.`);
        this.status = status;
        this.code = problem.code || null;
        this.problem = problem;
    }
}

/** WebCrypto's ECDSA signature is already the raw r‖s (P1363) form the protocol asks for. */
async function signature(key, method, path, timestamp, body) {
    const bodyHash = await crypto.subtle.digest('SHA-256', utf8(body));
    const signed = `${method}\n${path}\n${timestamp}\n${base64url(bodyHash)}`;
    return base64url(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, utf8(signed)));
}

/**
 * One call. {@code options.body} is sent as JSON; {@code options.signWith} signs with that key;
 * {@code options.token} adds the device token. Answers the parsed JSON (null for 204).
 */
export async function call(method, path, options = {}) {
    const fullPath = BASE + path;
    const body = options.body === undefined ? '' : JSON.stringify(options.body);
    const headers = { Accept: 'application/json' };
    if (body) {
        headers['Content-Type'] = 'application/json';
    }
    if (options.token) {
        headers.Authorization = `Device ${options.token}`;
    }
    if (options.signWith) {
        const timestamp = String(Date.now());
        headers['Twofold-Timestamp'] = timestamp;
        headers['Twofold-Signature'] = await signature(options.signWith, method, fullPath.split('?')[0], timestamp, body);
    }
    let response;
    try {
        response = await fetch(fullPath, { method, headers, body: body || undefined, cache: 'no-store' });
    } catch {
        throw new ApiError(0, { title: 'The appliance cannot be reached. Check the connection and try again.' });
    }
    return answerOf(response);
}

export async function answerOf(response) {
    const text = await response.text();
    let json = null;
    try {
        json = text ? JSON.parse(text) : null;
    } catch {
        json = null;
    }
    if (!response.ok) {
        throw new ApiError(response.status, json && typeof json === 'object' ? json : {});
    }
    return json;
}
