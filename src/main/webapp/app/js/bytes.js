// Byte helpers for the protocol: binary values travel as base64url without padding (PROTOCOL.md).

const encoder = new TextEncoder();

export function utf8(text) {
    return encoder.encode(text);
}

export function base64url(buffer) {
    const bytes = new Uint8Array(buffer);
    let binary = '';
    for (const byte of bytes) {
        binary += String.fromCharCode(byte);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomBytes(length) {
    return crypto.getRandomValues(new Uint8Array(length));
}
