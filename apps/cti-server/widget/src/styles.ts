/**
 * The widget's styles, applied as a constructed stylesheet inside its shadow
 * root: the host page's CSS cannot break it, and no inline <style> is needed.
 */
export const WIDGET_CSS = `
:host { all: initial; font: 14px/1.45 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1f2933; }
* { box-sizing: border-box; }
.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; border: 0; border-radius: 24px; padding: 12px 20px; background: #0b5cad; color: #fff; font: inherit; font-weight: 600; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.2); }
.launcher:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
.panel { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; width: 360px; max-width: calc(100vw - 24px); height: 520px; max-height: calc(100vh - 40px); display: flex; flex-direction: column; background: #fff; border-radius: 10px; box-shadow: 0 8px 30px rgba(0,0,0,.25); overflow: hidden; }
.panel[hidden], .launcher[hidden] { display: none; }
header { display: flex; align-items: center; justify-content: space-between; padding: 10px 14px; background: #0b5cad; color: #fff; }
header h2 { margin: 0; font-size: 15px; }
header button { background: transparent; border: 0; color: #fff; font-size: 18px; cursor: pointer; padding: 2px 8px; }
.body, .conversation { flex: 1; display: flex; flex-direction: column; min-height: 0; }
.status:empty { display: none; }
.status { padding: 6px 14px; font-size: 12px; background: #f0f4f8; color: #334e68; border-bottom: 1px solid #d9e2ec; }
.status.offline { background: #fff3c4; color: #513c06; }
form.prechat { padding: 14px; display: flex; flex-direction: column; gap: 10px; overflow: auto; }
label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: #334e68; }
input, textarea { font: inherit; padding: 8px; border: 1px solid #9fb3c8; border-radius: 6px; color: #1f2933; }
.hint { font-size: 12px; color: #52606d; margin: 0; }
.error { color: #a61b1b; font-size: 13px; margin: 0; }
button.primary { background: #0b5cad; color: #fff; border: 0; border-radius: 6px; padding: 9px 14px; font: inherit; font-weight: 600; cursor: pointer; }
button.primary:disabled { background: #829ab1; cursor: default; }
button.secondary { background: #fff; color: #0b5cad; border: 1px solid #0b5cad; border-radius: 6px; padding: 6px 10px; font: inherit; cursor: pointer; }
ol.messages { flex: 1; margin: 0; padding: 12px; list-style: none; overflow-y: auto; display: flex; flex-direction: column; gap: 8px; background: #fafbfc; }
li.msg { max-width: 80%; padding: 7px 10px; border-radius: 10px; white-space: pre-wrap; overflow-wrap: anywhere; }
li.msg.customer { align-self: flex-end; background: #dceefb; }
li.msg.agent { align-self: flex-start; background: #fff; border: 1px solid #d9e2ec; }
li.msg.system { align-self: center; background: transparent; color: #52606d; font-size: 12px; }
.meta { display: block; font-size: 11px; color: #52606d; margin-top: 2px; }
.typing { min-height: 18px; padding: 0 14px; font-size: 12px; color: #52606d; }
.composer { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #d9e2ec; }
.composer textarea { flex: 1; resize: none; height: 44px; }
.footer { display: flex; justify-content: flex-end; padding: 0 10px 10px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
