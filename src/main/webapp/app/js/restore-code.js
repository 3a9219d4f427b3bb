// The restore code, shown once: the appliance keeps only its keyed hash, and this app keeps nothing,
// so the screen is cleared as soon as the user leaves it.

import { $, show } from './ui.js';

let done = () => {};

export function showRestoreCode(restore, onDone) {
    $('restore-code-value').textContent = restore.code;
    $('restore-code-qr').hidden = !restore.qr;
    if (restore.qr) {
        $('restore-code-qr').src = restore.qr;
    }
    $('restore-code-saved').checked = false;
    $('restore-code-done').disabled = true;
    done = onDone;
    show('restore-code');
}

export function wireRestoreCode() {
    $('restore-code-saved').addEventListener('change', event => {
        $('restore-code-done').disabled = !event.target.checked;
    });
    $('restore-code-print').addEventListener('click', () => window.print());
    $('restore-code-done').addEventListener('click', () => {
        $('restore-code-value').textContent = '';
        $('restore-code-qr').removeAttribute('src');
        done();
    });
}

/** Where a restore code goes when the policy does not let the device show it. */
export function deliveryText(delivery) {
    return ({
        DEVICE_DISPLAY: '',
        EMAIL: 'Your restore code was sent to your email address.',
        POSTAL_LETTER: 'Your restore code comes by letter.',
        IN_PERSON: 'Collect your restore code from the helpdesk in person.',
        PHONE: 'The helpdesk reads your restore code to you on the phone after checking it is you.',
    })[delivery] || '';
}
