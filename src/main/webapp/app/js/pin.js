// The PIN rules for a new PIN, checked before any key is made.

import { MIN_PIN_LENGTH } from './keystore.js';

/** Fills each PIN fieldset from the one template, with ids prefixed by the fieldset's data-prefix. */
export function renderPinFields() {
    const template = document.getElementById('pin-fields');
    document.querySelectorAll('fieldset.pin-fields').forEach(fieldset => {
        const fields = template.content.cloneNode(true);
        const prefix = fieldset.dataset.prefix;
        fields.querySelectorAll('[data-id]').forEach(input => {
            input.id = `${prefix}-${input.dataset.id}`;
        });
        fields.querySelectorAll('[data-for]').forEach(label => {
            label.htmlFor = `${prefix}-${label.dataset.for}`;
        });
        fieldset.append(fields);
    });
}

/** Answers the PIN typed twice in the form's pin and pinAgain fields, or throws why it is not acceptable. */
export function newPin(form) {
    const pin = form.elements.pin.value;
    if (!/^[0-9]+$/.test(pin) || pin.length < MIN_PIN_LENGTH) {
        form.elements.pin.focus();
        throw new Error(`The PIN must be at least ${MIN_PIN_LENGTH} digits.`);
    }
    if (pin !== form.elements.pinAgain.value) {
        form.elements.pinAgain.focus();
        throw new Error('The two PINs are not the same.');
    }
    return pin;
}

export function clearPins(form) {
    form.elements.pin.value = '';
    form.elements.pinAgain.value = '';
}
