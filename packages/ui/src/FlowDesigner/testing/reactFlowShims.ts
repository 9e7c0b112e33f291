/**
 * What React Flow needs from a browser that jsdom lacks (after React Flow's
 * own testing guide): a ResizeObserver that reports at once, DOMMatrixReadOnly
 * for the viewport's scale, element sizes from inline styles, and getBBox
 * for edge labels. Call once before rendering a designer in a test.
 */
let installed = false;

export function installReactFlowShims(): void {
  if (installed) return;
  installed = true;
  class ResizeObserverShim {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element): void {
      this.callback([{ target } as ResizeObserverEntry], this);
    }
    unobserve(): void {}
    disconnect(): void {}
  }
  class DOMMatrixReadOnlyShim {
    m22: number;
    constructor(transform?: string) {
      const scale = /scale\(([\d.]+)\)/.exec(transform ?? '')?.[1];
      this.m22 = scale !== undefined ? Number(scale) : 1;
    }
  }
  Object.assign(globalThis, { ResizeObserver: ResizeObserverShim, DOMMatrixReadOnly: DOMMatrixReadOnlyShim });
  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: { configurable: true, get(this: HTMLElement) { return parseFloat(this.style.height) || 64; } },
    offsetWidth: { configurable: true, get(this: HTMLElement) { return parseFloat(this.style.width) || 220; } },
  });
  (SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox = () => ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;
  if (!('elementFromPoint' in document)) Object.assign(document, { elementFromPoint: () => null });
}
