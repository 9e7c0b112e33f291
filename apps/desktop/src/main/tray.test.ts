import { describe, expect, it, vi } from 'vitest';
import { mainMessages } from './i18n.js';

const fake = vi.hoisted(() => ({ fail: false, trays: [] as unknown[], menus: [] as unknown[] }));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class Tray extends EventEmitter {
    tooltip = '';
    destroyed = false;
    menu: unknown;
    constructor(readonly image: unknown) {
      super();
      if (fake.fail) throw new Error('no status area');
      fake.trays.push(this);
    }
    setToolTip(text: string): void {
      this.tooltip = text;
    }
    setContextMenu(menu: unknown): void {
      this.menu = menu;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    destroy(): void {
      this.destroyed = true;
    }
  }
  return {
    Tray,
    Menu: { buildFromTemplate: (template: unknown) => template },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
  };
});

const { createTray } = await import('./tray.js');

interface FakeTray {
  tooltip: string;
  destroyed: boolean;
  menu: { label?: string; click?: () => void }[];
  emit(event: string): void;
}

describe('createTray', () => {
  it('offers Show and Quit, and a click shows the window', () => {
    const onShow = vi.fn();
    const onQuit = vi.fn();
    createTray({ iconPath: '/app/out/static/tray.png', messages: mainMessages('en-US'), onShow, onQuit });
    const tray = fake.trays.at(-1) as FakeTray;
    const labelled = tray.menu.filter((item) => item.label !== undefined);
    expect(labelled.map((item) => item.label)).toEqual(['Show OmniCC', 'Quit']);
    labelled[0]!.click!();
    labelled[1]!.click!();
    tray.emit('click');
    expect(onShow).toHaveBeenCalledTimes(2);
    expect(onQuit).toHaveBeenCalledOnce();
  });

  it('shows the waiting count in the tooltip, localised', () => {
    const appTray = createTray({
      iconPath: '/x.png',
      messages: mainMessages('zh-CN'),
      onShow: vi.fn(),
      onQuit: vi.fn(),
    });
    const tray = fake.trays.at(-1) as FakeTray;
    expect(tray.tooltip).toBe('OmniCC 坐席');
    appTray.setWaitingCount(4);
    expect(tray.tooltip).toBe('OmniCC 坐席 – 4 个待接入');
    appTray.destroy();
    expect(tray.destroyed).toBe(true);
    expect(() => appTray.setWaitingCount(1)).not.toThrow();
  });

  it('degrades to no tray where the desktop has none', () => {
    fake.fail = true;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const appTray = createTray({ iconPath: '/x.png', messages: mainMessages('en'), onShow: vi.fn(), onQuit: vi.fn() });
    expect(() => appTray.setWaitingCount(2)).not.toThrow();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
    fake.fail = false;
  });
});
