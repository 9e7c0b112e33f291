import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopApi } from './api.js';

/**
 * Preload of the main window. Runs sandboxed with context isolation: the page
 * gets `window.desktop` (DesktopApi) and nothing else, in particular no
 * ipcRenderer and no generic send/on. Bundled to one CommonJS file because a
 * sandboxed preload can require only 'electron'.
 */
contextBridge.exposeInMainWorld(
  'desktop',
  // A wrapper, not ipcRenderer.invoke itself: the page must never hold a
  // function that takes a channel name.
  createDesktopApi((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
