/** Where the far end's voice plays. */
export interface RemoteAudio {
  attach(stream: MediaStream): void;
  detach(): void;
}

/**
 * One hidden <audio> element in the page. A MediaStream needs an element to
 * be heard in Chromium (a peer connection alone stays silent), and it must
 * be in the document for Electron to route it to the default output.
 */
export function remoteAudio(doc: Document = document): RemoteAudio {
  let element: HTMLAudioElement | null = null;
  return {
    attach(stream) {
      if (!element) {
        element = doc.createElement('audio');
        element.autoplay = true;
        element.hidden = true;
        element.setAttribute('data-omnicc', 'remote-audio');
        doc.body.appendChild(element);
      }
      element.srcObject = stream;
      // Answering was a click, so autoplay is allowed; a refusal still leaves the call up, only silent.
      element.play().catch((err: unknown) => console.warn('remote audio did not start', err));
    },
    detach() {
      if (element) element.srcObject = null;
    },
  };
}
