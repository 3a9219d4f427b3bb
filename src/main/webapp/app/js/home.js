// The unlocked device's screens: logins and duplication requests waiting (live over SSE), the ID's
// devices, its notifications, restore activation and "add a device".

import * as device from './device.js';
import { listen } from './events.js';
import { $, show, shown, notify, element, button, when } from './ui.js';
import { showRestoreCode, deliveryText } from './restore-code.js';

const PENDING_TYPES = new Set(['AUTH', 'CONFIRM_DUPLICATION']);

const pending = new Map();
let notifications = [];
let restoreState = { active: false, prompt: false };
let offer = null;
let closeEvents = () => {};
let expiryTimer = null;

const pendingKey = item => (item.type === 'AUTH' ? `auth-${item.id}` : `dup-${item.claimId}`);

export function open() {
    const session = device.current();
    $('who').textContent = `${session.user} · ${session.deviceName}`;
    $('who').hidden = false;
    show('home');
    startEvents(session);
    expiryTimer = setInterval(dropExpired, 1000);
}

function startEvents(session) {
    closeEvents = listen(session.token, {
        item: received,
        connected: () => {
            $('live').textContent = 'Live: requests appear here at once.';
            refreshInbox();
        },
        disconnected: () => {
            $('live').textContent = 'Connection lost. Reconnecting…';
        },
        refused: failure => {
            if (failure.code === 'device-removed') {
                device.removed(failure.problem);
            } else {
                $('live').textContent = failure.message;
            }
        },
    });
}

export function close() {
    closeEvents();
    clearInterval(expiryTimer);
    pending.clear();
    notifications = [];
    offer = null;
    $('who').hidden = true;
}

function received(item) {
    if (PENDING_TYPES.has(item.type)) {
        const known = pending.has(pendingKey(item));
        pending.set(pendingKey(item), item);
        renderPending();
        // said in the notice line too, so that a screen reader announces it (a reconnection re-sends known ones)
        if (item.type === 'AUTH' && !known) {
            notify(`A login to ${item.rp} is waiting for you.`);
        }
    } else {
        notifications = [item, ...notifications.filter(known => known.id !== item.id)];
        renderNotifications();
        if (shown() === 'devices') {
            showDevices();
        }
    }
}

async function refreshInbox() {
    try {
        const inbox = await device.read('/device/inbox');
        pending.clear();
        inbox.pending.forEach(item => pending.set(pendingKey(item), item));
        notifications = inbox.notifications;
        restoreState = inbox.restore;
        renderPending();
        renderNotifications();
        renderRestore();
    } catch (failure) {
        notify(failure.message, 'error');
    }
}

function dropExpired() {
    const now = Date.now();
    let dropped = false;
    for (const [key, item] of pending) {
        if (Date.parse(item.expiresAt) <= now) {
            pending.delete(key);
            dropped = true;
        }
    }
    if (dropped) {
        renderPending();
    }
    if (offer && Date.parse(offer.expiresAt) <= now && $('offer-renew').hidden) {
        $('offer-expiry').textContent = 'This code has expired.';
        $('offer-qr').hidden = true;
        $('offer-renew').hidden = false;
    }
}

function renderPending() {
    const items = [...pending.values()];
    $('pending').replaceChildren(...items.map(card));
    $('pending-empty').hidden = items.length > 0;
    if (offer) {
        $('offer-claims').replaceChildren(...items
            .filter(item => item.type === 'CONFIRM_DUPLICATION' && item.offerId === offer.offerId).map(card));
    }
}

function card(item) {
    return item.type === 'AUTH' ? loginCard(item) : duplicationCard(item);
}

function loginCard(login) {
    const li = element('li', undefined, 'card login');
    li.id = `login-${login.id}`;
    li.append(element('h2', `Login to ${login.rp}`));
    if (login.context) {
        li.append(element('p', login.context));
    }
    li.append(element('p', 'Tap the number the login page shows:'));
    const numbers = element('div', undefined, 'numbers');
    numbers.setAttribute('role', 'group');
    numbers.setAttribute('aria-label', 'Numbers to choose from');
    login.choices.forEach(number => numbers.append(button(number, 'number', () => decide(login, 'APPROVE', number))));
    li.append(numbers);
    li.append(button('Deny: this was not me', 'danger deny', () => decide(login, 'DENY')));
    li.append(element('p', `Expires ${when(login.expiresAt)}`, 'hint'));
    return li;
}

async function decide(login, decision, number) {
    try {
        const answer = await device.signed('POST', `/device/auth-sessions/${encodeURIComponent(login.id)}/decision`,
            number ? { decision, number } : { decision });
        if (answer.status === 'APPROVED') {
            notify(`Login to ${login.rp} approved.`);
        } else if (decision === 'APPROVE') {
            notify(`Login to ${login.rp} denied: ${number} is not the number the login page showed.`, 'error');
        } else {
            notify(`Login to ${login.rp} denied.`);
        }
    } catch (failure) {
        if (failure.code !== 'auth-session-closed') {
            throw failure;
        }
        notify('This login was already decided or has ended.', 'error');
    }
    pending.delete(pendingKey(login));
    renderPending();
    refreshInbox();
}

function duplicationCard(claim) {
    const li = element('li', undefined, 'card duplication');
    li.id = `claim-${claim.claimId}`;
    li.append(element('h2', `Add “${claim.deviceName}” to your ID?`));
    li.append(element('p', 'Only if the new device shows this same code:'));
    li.append(element('p', claim.fingerprint, 'code fingerprint'));
    li.append(button('Confirm', 'primary confirm', () => answerClaim(claim, 'confirm')));
    li.append(button('Reject', 'danger reject', () => answerClaim(claim, 'reject')));
    return li;
}

async function answerClaim(claim, answer) {
    await device.signed('POST', `/device/duplications/${encodeURIComponent(claim.offerId)}/${answer}`,
        { claimId: claim.claimId });
    pending.delete(pendingKey(claim));
    renderPending();
    notify(answer === 'confirm' ? `“${claim.deviceName}” now holds your ID too.`
        : `“${claim.deviceName}” was turned away.`);
}

export async function showDevices() {
    const devices = await device.read('/device/devices');
    $('device-list').replaceChildren(...devices.map(deviceCard));
    if (shown() !== 'devices') {
        show('devices');
    }
}

function deviceCard(listed) {
    const li = element('li', undefined, `card device ${listed.state.toLowerCase()}`);
    li.dataset.deviceId = listed.id;
    li.append(element('h2', listed.current ? `${listed.name} (this device)` : listed.name));
    li.append(element('p', `${stateText(listed.state)} · ${boundText(listed.boundVia)} ${when(listed.createdAt)}`));
    li.append(element('p', `Last used ${when(listed.lastSeenAt)}`, 'hint'));
    if (listed.state === 'ACTIVE') {
        const confirm = element('div', undefined, 'confirm-unpair');
        confirm.hidden = true;
        confirm.append(element('p', listed.current
            ? 'Unpair this device? Its key is deleted and it can no longer approve logins.'
            : `Unpair “${listed.name}”? It can no longer approve logins.`));
        confirm.append(button('Yes, unpair', 'danger unpair-yes', () => unpair(listed)));
        confirm.append(button('Cancel', 'unpair-no', async () => {
            confirm.hidden = true;
        }));
        li.append(button('Unpair', 'unpair', async () => {
            confirm.hidden = false;
            confirm.querySelector('.unpair-yes').focus();
        }), confirm);
    }
    return li;
}

const stateText = state => ({ ACTIVE: 'Active', UNPAIRED: 'Unpaired', BLOCKED: 'Blocked' })[state] || state;
const boundText = via => ({ ENROLLMENT: 'activated', RESTORE: 'restored', DUPLICATION_QR: 'copied from another device',
    DUPLICATION_CODE: 'copied with the restore code' })[via] || via;

async function unpair(listed) {
    const path = `/device/devices/${encodeURIComponent(listed.id)}`;
    if (listed.current) {
        // the appliance ends this device's stream at once; its reconnection must not announce the removal first
        closeEvents();
        try {
            await device.signed('DELETE', path);
        } catch (failure) {
            startEvents(device.current());
            throw failure;
        }
        await device.removed({ state: 'UNPAIRED', byItself: true });
        return;
    }
    await device.signed('DELETE', path);
    await showDevices();
    notify(`“${listed.name}” is unpaired.`);
}

function renderNotifications() {
    $('notification-list').replaceChildren(...notifications.map(notificationCard));
    $('notification-empty').hidden = notifications.length > 0;
}

const NOTICES = {
    DEVICE_ADDED: 'A device was added',
    DEVICE_RESTORED: 'Your ID was restored on a device',
    DEVICE_DUPLICATED: 'Your ID was copied to a device',
    DEVICE_UNPAIRED: 'A device was unpaired',
    DEVICE_BLOCKED: 'A device was blocked',
    RESTORE_CODE_REISSUED: 'A new restore code was issued; the old one no longer works',
};

function notificationCard(notification) {
    const li = element('li', undefined, 'card notification');
    li.id = `notification-${notification.id}`;
    const what = NOTICES[notification.type] || notification.type;
    li.append(element('h2', notification.deviceName ? `${what}: “${notification.deviceName}”` : what));
    li.append(element('p', when(notification.at), 'hint'));
    if (notification.blockable) {
        li.append(button('This was not me: block it', 'danger block', () => block(notification)));
    }
    return li;
}

async function block(notification) {
    await device.signed('POST', `/device/notifications/${encodeURIComponent(notification.id)}/block`, {});
    notify(`“${notification.deviceName}” is blocked: it can no longer use your ID.`);
    await refreshInbox();
}

function renderRestore() {
    $('restore-prompt').hidden = !restoreState.prompt;
    $('restore-state').textContent = restoreState.active
        ? 'Restore is on. Lost your restore code? Get a new one: the old code stops working.'
        : 'Restore is off. Turn it on to get a restore code: with it and your email you get your ID back '
            + 'on a new device if you lose this one.';
    $('restore-activate').textContent = restoreState.active ? 'Get a new restore code' : 'Turn on restore';
}

export async function activateRestore() {
    const issued = await device.signed('POST', '/device/restore-activation', {});
    restoreState = { active: true, prompt: false };
    renderRestore();
    if (issued.code) {
        showRestoreCode(issued, () => show('home'));
    } else {
        show('home');
        notify(`Restore is on. ${deliveryText(issued.delivery)}`);
    }
}

export async function offerDuplication() {
    offer = await device.signed('POST', '/device/duplications', {});
    $('offer-qr').src = offer.qrImage;
    $('offer-qr').hidden = false;
    $('offer-renew').hidden = true;
    $('offer-link').value = offer.qr;
    $('offer-app-url').textContent = `${location.origin}/app/`;
    $('offer-expiry').textContent = `Valid until ${when(offer.expiresAt)}.`;
    renderPending();
    show('offer');
}
