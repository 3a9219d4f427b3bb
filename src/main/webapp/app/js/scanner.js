// Reads a QR code from the camera: the browser's BarcodeDetector where it has one for QR codes,
// otherwise the bundled jsQR (vendor/, Apache-2.0). Nothing is loaded from outside the appliance.

const FRAME_PAUSE_MS = 150;

async function detector() {
    if ('BarcodeDetector' in window) {
        const formats = await window.BarcodeDetector.getSupportedFormats();
        if (formats.includes('qr_code')) {
            const native = new window.BarcodeDetector({ formats: ['qr_code'] });
            return async video => {
                const codes = await native.detect(video);
                return codes.length > 0 ? codes[0].rawValue : null;
            };
        }
    }
    // jsQR is a UMD bundle: imported for its side effect, it registers itself on self
    await import('../vendor/jsQR.js');
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    return async video => {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        if (canvas.width === 0) {
            return null;
        }
        context.drawImage(video, 0, 0);
        const frame = context.getImageData(0, 0, canvas.width, canvas.height);
        const code = self.jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' });
        return code ? code.data : null;
    };
}

/**
 * Shows the back camera in {@code video} until a QR code is read (answers its text) or {@code signal}
 * aborts (answers null). The camera is released either way.
 */
export async function scan(video, signal) {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        throw new Error('This browser cannot use the camera here. Type or paste the code instead.');
    }
    let stream;
    try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch {
        throw new Error('The camera is not available (no camera, or no permission). Type or paste the code instead.');
    }
    try {
        video.srcObject = stream;
        await video.play();
        const read = await detector();
        while (!signal.aborted) {
            const text = await read(video);
            if (text) {
                return text;
            }
            await new Promise(resolve => setTimeout(resolve, FRAME_PAUSE_MS));
        }
        return null;
    } finally {
        stream.getTracks().forEach(track => track.stop());
        video.srcObject = null;
    }
}
