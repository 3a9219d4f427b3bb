// Binding this browser to an ID: enrollment with an activation code, restore with the restore code and a
// one-time code, or duplication from another device. Each makes a new P-256 key, has the appliance bind it,
// then seals it under the new PIN before anything else can use it.

import { call, ApiError } from './api.js';
import * as keystore from './keystore.js';
import { parseLink } from './links.js';
import { newPin, clearPins } from './pin.js';
import { deliveryText } from './restore-code.js';
import { $, show, notify } from './ui.js';

const PLATFORM = 'web';
const CLAIM_POLL_MS = 2000;

let restoreAttempt = null;
let replacedDeviceId = null;

/** A device name the user recognises in the devices list, e.g. "Chrome on Android". */
export function suggestedDeviceName() {
    const agent = navigator.userAgent;
    const browser = /Edg\//.test(agent) ? 'Edge' : /Firefox\//.test(agent) ? 'Firefox'
        : /Chrom(e|ium)\//.test(agent) ? 'Chrome' : /Safari\//.test(agent) ? 'Safari' : 'Browser';
    const system = /Android/.test(agent) ? 'Android' : /iPhone|iPad/.test(agent) ? 'iOS'
        : /Windows/.test(agent) ? 'Windows' : /Mac OS/.test(agent) ? 'macOS' : /Linux/.test(agent) ? 'Linux' : '';
    return system ? `${browser} on ${system}` : browser;
}

function deviceName(form) {
    const name = form.elements.deviceName.value.trim();
    if (!name) {
        form.elements.deviceName.focus();
        throw new Error('Give this device a name, so you recognise it in your list of devices.');
    }
    return name;
}

/** A link is for the appliance that served this app: the app can talk to no other (connect-src 'self'). */
function checkHost(host) {
    if (host && new URL(host).origin !== location.origin) {
        throw new Error(`This code belongs to the appliance at ${host}. Open the authenticator there.`);
    }
}

async function bind(pin, keys, answer, name) {
    return keystore.seal(pin, keys.privateKey, answer.deviceToken,
        { user: answer.user, deviceId: answer.deviceId, deviceName: name, publicKey: keys.publicKey });
}

/** Answers the unlocked session and the enrollment's restore answer. */
export async function enroll(form) {
    const typed = parseLink(form.elements.code.value);
    if (typed.kind === 'enroll') {
        checkHost(typed.host);
    } else if (typed.kind !== 'text' || !typed.text) {
        form.elements.code.focus();
        throw new Error('That is not an activation code. Type the code from your activation letter or mail, or scan its QR code.');
    }
    const activationCode = typed.kind === 'enroll' ? typed.code : typed.text;
    const name = deviceName(form);
    const pin = newPin(form);
    const keys = await keystore.newKeyPair();
    const answer = await call('POST', '/device/enroll', {
        body: { activationCode, publicKey: keys.publicKey, deviceName: name, platform: PLATFORM },
        signWith: keys.privateKey,
    });
    clearPins(form);
    return { session: await bind(pin, keys, answer, name), restore: answer.restore };
}

/** Restore after a forgotten PIN: the user is known, and the stale binding is replaced, not kept. */
export function restoreAfterPinReset(user, deviceId) {
    replacedDeviceId = deviceId;
    $('restore-user').value = user;
    $('restore-keep').checked = true;
    show('restore-start');
}

export async function startRestore(form) {
    const typed = parseLink(form.elements.code.value);
    let user = form.elements.user.value.trim();
    let restoreCode = typed.kind === 'text' ? typed.text : '';
    if (typed.kind === 'restore') {
        user = user || typed.user;
        restoreCode = typed.code;
    }
    if (!user || !restoreCode) {
        throw new Error('Enter your user name and your restore code.');
    }
    restoreAttempt = await call('POST', '/restore', { body: { user, restoreCode } });
    $('restore-otp-sent').textContent = `We sent a one-time code to ${restoreAttempt.otpSentTo}. `
        + `It is valid until ${new Date(restoreAttempt.expiresAt).toLocaleTimeString()}.`;
    show('restore-finish');
}

export async function finishRestore(form) {
    const otp = form.elements.otp.value.replace(/\s+/g, '');
    if (!/^[0-9]{8}$/.test(otp)) {
        form.elements.otp.focus();
        throw new Error('The one-time code has 8 digits.');
    }
    const name = deviceName(form);
    const pin = newPin(form);
    const keys = await keystore.newKeyPair();
    const body = { otp, publicKey: keys.publicKey, deviceName: name, platform: PLATFORM,
        keepOldDevices: form.elements.keep.checked };
    if (replacedDeviceId) {
        body.replacesDeviceId = replacedDeviceId;
    }
    const answer = await call('POST', `/restore/${encodeURIComponent(restoreAttempt.restoreId)}/complete`,
        { body, signWith: keys.privateKey });
    clearPins(form);
    restoreAttempt = null;
    replacedDeviceId = null;
    // the policy may wipe the other devices although the user asked to keep them (oldDevicesKept, an addition)
    const others = answer.oldDevicesKept === false
        ? 'Your other devices were unpaired, as your company’s restore policy requires.' : null;
    return { session: await bind(pin, keys, answer, name), restore: answer.restore, notice: others };
}

/** Claims a duplication offer and waits until the other device confirms it; answers the unlocked session. */
export async function claim(form) {
    const link = parseLink(form.elements.link.value);
    if (link.kind !== 'dup' || !link.offerId || !link.secret) {
        form.elements.link.focus();
        throw new Error('That is not a link from “Add a device”. Scan the QR code your other device shows, or paste its link.');
    }
    checkHost(link.host);
    const name = deviceName(form);
    const pin = newPin(form);
    const keys = await keystore.newKeyPair();
    const offer = encodeURIComponent(link.offerId);
    const claimed = await call('POST', `/duplications/${offer}/claim`, {
        body: { secret: link.secret, publicKey: keys.publicKey, deviceName: name, platform: PLATFORM },
        signWith: keys.privateKey,
    });
    clearPins(form);
    $('claim-form').hidden = true;
    $('claim-fingerprint').textContent = claimed.fingerprint;
    $('claim-waiting').hidden = false;
    $('claim-status').textContent = 'Waiting for the confirmation on your other device…';
    try {
        for (;;) {
            const state = await claimState(offer, claimed);
            if (state && state.status === 'CONFIRMED') {
                if (!state.deviceToken) {
                    throw new Error('This confirmation was already collected. Start again with a new QR code.');
                }
                return await bind(pin, keys, state, name);
            }
            if (state && state.status !== 'PENDING') {
                throw new Error(state.status === 'REJECTED' ? 'Your other device turned this request away.'
                    : 'The request expired. Start again with a new QR code on your other device.');
            }
            await new Promise(resolve => setTimeout(resolve, CLAIM_POLL_MS));
        }
    } finally {
        $('claim-waiting').hidden = true;
        $('claim-form').hidden = false;
    }
}

/** The claim's state, or null while the appliance cannot be reached (the token is handed over only once). */
async function claimState(offer, claimed) {
    try {
        return await call('GET', `/duplications/${offer}/claims/${encodeURIComponent(claimed.claimId)}`
            + `?secret=${encodeURIComponent(claimed.claimSecret)}`);
    } catch (failure) {
        if (failure instanceof ApiError && failure.status === 0) {
            $('claim-status').textContent = 'The appliance cannot be reached. Trying again…';
            return null;
        }
        throw failure;
    }
}

/** What to say about restore once the device is bound without a restore code to show. */
export function noticeAfterSetup(restore) {
    if (restore && !restore.active) {
        notify('Your ID is ready. Turn on restore under “Restore code” so you can get it back if you lose this device.');
    } else if (restore && restore.delivery !== 'DEVICE_DISPLAY') {
        notify(`Your ID is ready. ${deliveryText(restore.delivery)}`);
    }
}
