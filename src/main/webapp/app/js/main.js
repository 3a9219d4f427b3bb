// Starts the app: which screen fits this browser (no ID, locked ID), and the wiring of every button.

import * as device from './device.js';
import * as home from './home.js';
import * as keystore from './keystore.js';
import { scan } from './scanner.js';
import { renderPinFields } from './pin.js';
import * as setup from './setup.js';
import { showRestoreCode, wireRestoreCode } from './restore-code.js';
import { $, show, notify, busy } from './ui.js';

const AFTER_REMOVAL = 'Its key has been deleted from this browser. To use this device again, restore your ID or '
    + 'activate it with a new code.';

/** Why the appliance removed this device, from the 410 problem's state (a Twofold addition to the protocol). */
function removalReason(problem) {
    if (problem.byItself) {
        return `You unpaired this device. ${AFTER_REMOVAL}`;
    }
    if (problem.state === 'BLOCKED') {
        return 'This device was blocked: another of your devices, or you on your self-service page, reported it as '
            + `one you did not add. ${AFTER_REMOVAL} If it is yours, ask your helpdesk.`;
    }
    return 'This device was unpaired: on another of your devices, on your self-service page or by your helpdesk. '
        + AFTER_REMOVAL;
}

let pinWaitUntil = 0;
let restoreNotificationId = null;
const BACKGROUND_LOCK_MS = 5 * 60 * 1000;
let hiddenSince = null;

function onForm(formId, work) {
    const form = $(formId);
    form.addEventListener('submit', event => {
        event.preventDefault();
        busy(form.querySelector('button[type=submit]'), () => work(form));
    });
}

/**
 * Every ready device session goes through here, whether just bound or unlocked with the PIN; {@code notice}
 * is said once the home screen shows.
 */
function begin(session, restore, notice) {
    device.start(session, deviceRemoved);
    home.open();
    const sayNotice = () => notice && notify(notice);
    if (restore && restore.code) {
        showRestoreCode(restore, () => {
            show('home');
            sayNotice();
        });
    } else {
        setup.noticeAfterSetup(restore);
        sayNotice();
    }
}

function deviceRemoved(problem) {
    const notificationId = problem.notificationId;
    home.close();
    $('removed-reason').textContent = notificationId ? 'Your ID was restored on another device.' : removalReason(problem);
    $('removed-block').hidden = !notificationId;
    $('removed-restart').hidden = Boolean(notificationId);
    restoreNotificationId = notificationId;
    show('removed');
}

/** The owner of a device wiped by a restore says it was not them: the newcomer is blocked (PROTOCOL.md). */
async function blockRestoredDevice() {
    await device.signed('POST', `/device/notifications/${encodeURIComponent(restoreNotificationId)}/block`, {});
    await removedDecided('The device that restored your ID is blocked. Ask your helpdesk to check your ID.');
}

async function removedDecided(message) {
    await device.forget();
    $('removed-block').hidden = true;
    $('removed-restart').hidden = false;
    $('removed-reason').textContent = `${message} This device's key has been deleted from this browser.`;
    notify(message);
}

function lock() {
    home.close();
    device.lock();
    showUnlock();
}

async function showUnlock() {
    const stored = await keystore.storedDevice();
    if (!stored) {
        show('welcome');
        return;
    }
    $('unlock-who').textContent = `ID ${stored.user || ''} on “${stored.deviceName}”.`;
    show('unlock');
}

async function unlock(form) {
    try {
        const session = await keystore.unlock(form.elements.pin.value);
        form.elements.pin.value = '';
        begin(session);
    } catch (refused) {
        form.elements.pin.value = '';
        form.elements.pin.focus();
        if (!(refused instanceof keystore.PinRefused)) {
            throw refused;
        }
        const wait = refused.waitMs > 0 ? ` Try again in ${Math.ceil(refused.waitMs / 1000)} s.` : ' Try again.';
        notify(`${refused.message}${wait}`, 'error');
        pinWaitUntil = Date.now() + refused.waitMs;
    }
}

/** The Unlock button stays off while a wrong-PIN wait runs, so nobody types into a refusal. */
function holdUnlockDuringWait() {
    const submit = $('unlock-submit');
    const waitMs = pinWaitUntil - Date.now();
    if (waitMs > 0) {
        submit.disabled = true;
        setTimeout(() => {
            submit.disabled = false;
        }, waitMs);
    }
}

async function forgetAfterForgottenPin() {
    const stored = await keystore.storedDevice();
    await keystore.wipe();
    setup.restoreAfterPinReset(stored ? stored.user : '', stored ? stored.deviceId : null);
    notify('The ID was deleted from this device. Restore it with your restore code.');
}

function wireScanner() {
    const dialog = $('scanner');
    let abort = null;
    $('scanner-cancel').addEventListener('click', () => abort && abort.abort());
    dialog.addEventListener('cancel', () => abort && abort.abort());
    document.querySelectorAll('[data-scan-into]').forEach(trigger => trigger.addEventListener('click', () => {
        abort = new AbortController();
        dialog.showModal();
        busy(trigger, async () => {
            try {
                const text = await scan($('scanner-video'), abort.signal);
                if (text) {
                    $(trigger.dataset.scanInto).value = text;
                }
            } finally {
                dialog.close();
            }
        });
    }));
}

function wire() {
    renderPinFields();
    document.querySelectorAll('[data-go]').forEach(link => link.addEventListener('click', () => {
        if (link.dataset.go === 'devices') {
            busy(link, home.showDevices);
        } else {
            show(link.dataset.go);
        }
    }));
    document.querySelectorAll('.device-name').forEach(field => {
        field.value = setup.suggestedDeviceName();
    });
    $('go-enroll').addEventListener('click', () => show('enroll'));
    $('go-restore').addEventListener('click', () => show('restore-start'));
    $('go-claim').addEventListener('click', () => show('claim'));
    onForm('enroll-form', async form => {
        const { session, restore } = await setup.enroll(form);
        begin(session, restore);
    });
    $('unlock-form').addEventListener('submit', async event => {
        event.preventDefault();
        await busy($('unlock-submit'), () => unlock($('unlock-form')));
        holdUnlockDuringWait();
    });
    $('forgot-pin').addEventListener('click', () => show('forgot'));
    $('forgot-confirm').addEventListener('click', () => busy($('forgot-confirm'), forgetAfterForgottenPin));
    onForm('restore-start-form', setup.startRestore);
    onForm('restore-finish-form', async form => {
        const { session, restore, notice } = await setup.finishRestore(form);
        begin(session, restore, notice);
    });
    onForm('claim-form', async form => begin(await setup.claim(form)));
    $('restore-prompt-activate').addEventListener('click', () => busy($('restore-prompt-activate'), home.activateRestore));
    $('restore-activate').addEventListener('click', () => busy($('restore-activate'), home.activateRestore));
    $('go-offer').addEventListener('click', () => busy($('go-offer'), home.offerDuplication));
    $('offer-renew').addEventListener('click', () => busy($('offer-renew'), home.offerDuplication));
    $('lock').addEventListener('click', lock);
    // an unlocked app left in the background locks itself, as a phone left on a desk should
    document.addEventListener('visibilitychange', () => {
        if (document.hidden) {
            hiddenSince = Date.now();
        } else if (hiddenSince && Date.now() - hiddenSince > BACKGROUND_LOCK_MS && device.current()) {
            lock();
        }
    });
    $('removed-block-button').addEventListener('click', () => busy($('removed-block-button'), blockRestoredDevice));
    $('removed-accept').addEventListener('click', () => busy($('removed-accept'),
        () => removedDecided('Your ID now lives on the restored device.')));
    wireRestoreCode();
    wireScanner();
}

wire();
if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('sw.js', { scope: './' }).catch(() => {
        // the app works without its offline copy; the next start tries again
    });
}
showUnlock().catch(failure => {
    show('welcome');
    notify(`This browser cannot keep a Twofold ID here: ${failure.message}`, 'error');
});
