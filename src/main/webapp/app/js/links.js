// What a QR code or a pasted text holds: the appliance's links (twofold://enroll, restore, dup) or a bare code.

/** Answers {kind, ...members} for a twofold:// link, or {kind: 'text', text} for anything else. */
export function parseLink(text) {
    const trimmed = text.trim();
    if (!trimmed.toLowerCase().startsWith('twofold://')) {
        return { kind: 'text', text: trimmed };
    }
    let url;
    try {
        url = new URL(trimmed);
    } catch {
        return { kind: 'invalid' };
    }
    const param = name => url.searchParams.get(name) || '';
    switch (url.host) {
        case 'enroll':
            return { kind: 'enroll', host: param('h'), code: param('c') };
        case 'restore':
            return { kind: 'restore', user: param('u'), code: param('c') };
        case 'dup':
            return { kind: 'dup', host: param('h'), offerId: param('o'), secret: param('s') };
        default:
            return { kind: 'invalid' };
    }
}
