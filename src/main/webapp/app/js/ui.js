// Screens, the notice line and small DOM helpers. One screen is shown at a time; moving to a screen
// moves keyboard and screen-reader focus to its heading, so the change is announced.

export const $ = id => document.getElementById(id);

let currentScreen = 'loading';

export function show(screen) {
    document.querySelectorAll('.screen').forEach(section => {
        section.hidden = section.id !== `screen-${screen}`;
    });
    currentScreen = screen;
    clearNotice();
    window.scrollTo(0, 0);
    const heading = document.querySelector(`#screen-${screen} h1`);
    if (heading) {
        heading.focus();
    }
}

export function shown() {
    return currentScreen;
}

/** Says something in the notice line; {@code kind} 'error' also makes screen readers interrupt. */
export function notify(message, kind = 'info') {
    const notice = $('notice');
    notice.textContent = message;
    notice.className = `notice ${kind}`;
    notice.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    notice.hidden = false;
}

export function clearNotice() {
    const notice = $('notice');
    notice.hidden = true;
    notice.textContent = '';
}

/** Runs {@code work} with the button disabled, reporting a failure in the notice line. */
export async function busy(button, work) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
        await work();
    } catch (failure) {
        notify(failure.message, 'error');
    } finally {
        button.disabled = false;
        button.removeAttribute('aria-busy');
    }
}

/** An element with text content only (never HTML from the appliance). */
export function element(tag, text, className) {
    const made = document.createElement(tag);
    if (text !== undefined) {
        made.textContent = text;
    }
    if (className) {
        made.className = className;
    }
    return made;
}

export function button(text, className, onClick) {
    const made = element('button', text, className);
    made.type = 'button';
    made.addEventListener('click', () => busy(made, onClick));
    return made;
}

export function when(iso) {
    return iso ? new Date(iso).toLocaleString() : '–';
}
